package org.odop.pulse.serving.ranking;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.serving.MeasuresView;

/** What districts can be ranked by. Money in rupees; loiConversion is a ratio (export value linked to LOIs / LOI value). */
public enum RankingMetric {
    LOI_VALUE("loiValue") {
        @Override
        public Optional<BigDecimal> value(MeasuresView m) {
            return Optional.of(m.loiValueInr());
        }
    },
    EXPORT_VALUE("exportValue") {
        @Override
        public Optional<BigDecimal> value(MeasuresView m) {
            return Optional.of(m.exportValueInr());
        }
    },
    ECOMMERCE_GMV("ecommerceGmv") {
        @Override
        public Optional<BigDecimal> value(MeasuresView m) {
            return Optional.of(m.ecommerceGmvInr());
        }
    },
    LOI_CONVERSION("loiConversion") {
        /** Undefined without LOI value: such districts are left out. */
        @Override
        public Optional<BigDecimal> value(MeasuresView m) {
            if (m.loiValueInr().signum() == 0) return Optional.empty();
            return Optional.of(m.loiLinkedExportValueInr().divide(m.loiValueInr(), MathContext.DECIMAL64));
        }

        @Override
        public Optional<Fraction> exact(MeasuresView m) {
            if (m.loiValueInr().signum() == 0) return Optional.empty();
            return Optional.of(new Fraction(m.loiLinkedExportValueInr(), m.loiValueInr()));
        }

        @Override
        public boolean isAdditive() {
            return false;
        }
    };

    private final String apiName;

    RankingMetric(String apiName) {
        this.apiName = apiName;
    }

    public abstract Optional<BigDecimal> value(MeasuresView m);

    /** A value as an exact fraction of exact decimals (the denominator never zero), for figures derived from it. */
    public record Fraction(BigDecimal numerator, BigDecimal denominator) {}

    /**
     * The value exactly, where {@link #value(MeasuresView)} may be a rounded quotient: growth is computed from
     * this, never from a rounded figure. Money is exact already.
     */
    public Optional<Fraction> exact(MeasuresView m) {
        return value(m).map(v -> new Fraction(v, BigDecimal.ONE));
    }

    public Optional<BigDecimal> value(Measures m) {
        return value(MeasuresView.of(m));
    }

    /** Money metrics add up over districts (so shares make sense); a ratio does not. */
    public boolean isAdditive() {
        return true;
    }

    public String apiName() {
        return apiName;
    }

    public static RankingMetric fromApiName(String name) {
        return Arrays.stream(values()).filter(m -> m.apiName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "': use one of " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(RankingMetric::apiName).collect(Collectors.joining(", "));
    }
}
