package org.odop.pulse.serving.ranking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * A district ranking. {@code total} is the scope's total (for loiConversion, the scope's own ratio);
 * shares and growth are percentages rounded to two decimals, null where they mean nothing.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RankingView(String metric, String period, String state,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String productCode,
                          BigDecimal total, List<Entry> entries) {

    @JsonPropertyOrder({"rank", "districtCode", "districtName", "stateCode", "value", "sharePct", "previousValue", "growthPct"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(int rank, String districtCode, String districtName, String stateCode, BigDecimal value,
                        BigDecimal sharePct, BigDecimal previousValue, BigDecimal growthPct) {}
}
