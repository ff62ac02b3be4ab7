package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.domain.MeasureValues;

class MeasureValuesJsonTest {
    @Test
    @DisplayName("a view's measures stand in the view as fields, in catalogue order, money exact to the paisa")
    void unwrappedInCatalogueOrder() throws Exception {
        MeasureValues v = MeasureValues.of(Map.of(MeasureCatalog.LOI_COUNT, 2L, MeasureCatalog.LOI_VALUE, 1_050_000_000L,
                MeasureCatalog.ECOMMERCE_GMV, -150L));
        var view = new DistrictView("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir", "FY2022-23", v,
                List.of(new DistrictView.ProductRow("PASHMINA", "Pashmina shawls", v)));
        assertThat(Json.MAPPER.writeValueAsString(view)).isEqualTo("{\"districtCode\":\"JK-SRINAGAR\",\"districtName\":"
                + "\"Srinagar\",\"stateCode\":\"JK\",\"stateName\":\"Jammu and Kashmir\",\"period\":\"FY2022-23\","
                + "\"loiCount\":2,\"loiValueInr\":10500000.00,\"exportShipments\":0,\"exportValueInr\":0.00,\"exportValueUsd\":0.00,\"exportValueInrUnconverted\":0.00,"
                + "\"loiLinkedExportValueInr\":0.00,\"ecommerceOrders\":0,\"ecommerceGmvInr\":-1.50,"
                + "\"products\":[{\"productCode\":\"PASHMINA\",\"productName\":\"Pashmina shawls\",\"loiCount\":2,"
                + "\"loiValueInr\":10500000.00,\"exportShipments\":0,\"exportValueInr\":0.00,\"exportValueUsd\":0.00,\"exportValueInrUnconverted\":0.00,\"loiLinkedExportValueInr\":0.00,"
                + "\"ecommerceOrders\":0,\"ecommerceGmvInr\":-1.50}]}");
        assertThat(Json.MAPPER.writeValueAsString(MeasureValues.ZERO)).startsWith("{\"loiCount\":0,").endsWith("}");
    }
}
