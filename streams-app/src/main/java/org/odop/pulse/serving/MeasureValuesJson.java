package org.odop.pulse.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import org.odop.pulse.domain.Measure;
import org.odop.pulse.domain.MeasureValues;

/**
 * Measure values as JSON fields, one per measure shown ({@link MeasureValues#measures}: the catalogue's, in its order, unless selected): counts as whole numbers, money
 * as rupees exact to the paisa. With {@code @JsonUnwrapped} the fields stand in the enclosing object, so a
 * district view reads {@code {"districtCode":..., "loiCount":2, "loiValueInr":10500000.00, ...}}.
 */
final class MeasureValuesJson extends StdSerializer<MeasureValues> {
    private final boolean unwrapping;

    private MeasureValuesJson(boolean unwrapping) {
        super(MeasureValues.class);
        this.unwrapping = unwrapping;
    }

    static SimpleModule module() {
        return new SimpleModule("measure-values").addSerializer(MeasureValues.class, new MeasureValuesJson(false));
    }

    @Override
    public void serialize(MeasureValues v, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (!unwrapping) gen.writeStartObject();
        for (Measure m : v.measures()) {
            gen.writeFieldName(m.name());
            if (m.unit().isMoney()) gen.writeNumber(v.shown(m));
            else gen.writeNumber(v.get(m));
        }
        if (!unwrapping) gen.writeEndObject();
    }

    @Override
    public boolean isUnwrappingSerializer() {
        return unwrapping;
    }

    @Override
    public JsonSerializer<MeasureValues> unwrappingSerializer(NameTransformer unwrapper) {
        return new MeasureValuesJson(true);
    }
}
