package org.odop.pulse.topology.loi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.loi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.serving.PeriodRows;
import org.odop.pulse.serving.ranking.RankingMetric;
import org.odop.pulse.serving.ranking.RankingView;
import org.odop.pulse.serving.ranking.Rankings;
import org.odop.pulse.support.PipelineDriver;
import org.odop.pulse.support.TestData;
import org.odop.pulse.topology.common.MeasureRows;

class LoiTopologyTest {
    private final PipelineDriver driver = new PipelineDriver();

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(LoiSigned loi) {
        driver.send(Topics.LOIS, loi.getDistrictCode(), loi);
    }

    private long value(String district, String period, String product) {
        return driver.measures(LoiTopology.STORE, district, period, product).getLoiValuePaise();
    }

    private long count(String district, String period, String product) {
        return driver.measures(LoiTopology.STORE, district, period, product).getLoiCount();
    }

    /** The HS row's LOI count and value. */
    private List<Long> hs(String district, String period, String hsCode) {
        Measures m = driver.measures(LoiTopology.HS_STORE, district, period, hsCode);
        return List.of(m.getLoiCount(), m.getLoiValuePaise());
    }

    /**
     * The LOI value ranking of a period (of one product, or overall when null), computed as the ranking service
     * does: by {@link Rankings} from every row of the period in the LOI store.
     */
    private List<RankingView.Entry> loiValueRanking(String period, String product) {
        PeriodRows rows = PeriodRows.empty(period);
        KeyValueStore<String, Measures> store = driver.store(LoiTopology.STORE);
        try (KeyValueIterator<String, Measures> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Measures> kv = it.next();
                MeasureKeys.Parts key = MeasureKeys.parse(kv.key);
                if (key.period().equals(period)) rows.add(key.district(), key.product(), MeasureRows.values(kv.value));
            }
        }
        return Rankings.rank(new Rankings.Request(RankingMetric.of(MeasureCatalog.LOI_VALUE), period, null, product, 0),
                rows, null, district -> Optional.empty()).entries();
    }

    @Test
    @DisplayName("sums LOI count and value exactly per district and per product for all, fiscal year, quarter and month")
    void aggregatesPerDistrictAndProduct() {
        send(loi("e1", "JK-SRINAGAR", "PASHMINA", 3_500_000_00L, "2022-07-30T11:00:00+05:30"));
        send(loi("e2", "JK-SRINAGAR", "PASHMINA", 1_01L, "2022-07-30T12:00:00+05:30"));
        send(loi("e3", "JK-SRINAGAR", "PAPIER-MACHE", 7_000_000_00L - 101, "2022-07-30T13:00:00+05:30"));
        send(loi("e4", "JK-PULWAMA", "SAFFRON", 12_345_67L, "2022-08-01T10:00:00+05:30"));

        for (String period : List.of("all", "FY2022-23", "FY2022-23-Q2", "2022-07")) {
            assertThat(count("JK-SRINAGAR", period, "*")).isEqualTo(3);
            assertThat(value("JK-SRINAGAR", period, "*")).isEqualTo(10_500_000_00L); // Rs 10.50 crore
            assertThat(value("JK-SRINAGAR", period, "PASHMINA")).isEqualTo(3_500_001_01L);
            assertThat(count("JK-SRINAGAR", period, "PAPIER-MACHE")).isEqualTo(1);
        }
        assertThat(count("JK-SRINAGAR", "2022-08", "*")).isZero();
        assertThat(value("JK-PULWAMA", "2022-08", "SAFFRON")).isEqualTo(12_345_67L);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    @DisplayName("an LOI signed at 01:30 IST on 1 April counts in April and the new fiscal year")
    void fiscalYearBoundaryInIst() {
        send(loi("e1", "JK-JAMMU", "BASMATI", 100_00L, "2022-03-31T20:00:00Z"));
        send(loi("e2", "JK-JAMMU", "BASMATI", 200_00L, "2022-03-31T18:29:59Z"));

        assertThat(value("JK-JAMMU", "FY2022-23", "*")).isEqualTo(100_00L);
        assertThat(value("JK-JAMMU", "2022-04", "*")).isEqualTo(100_00L);
        assertThat(value("JK-JAMMU", "FY2021-22", "*")).isEqualTo(200_00L);
        assertThat(value("JK-JAMMU", "2022-03", "*")).isEqualTo(200_00L);
        assertThat(value("JK-JAMMU", "all", "*")).isEqualTo(300_00L);
    }

    @Test
    @DisplayName("an LOI counts in its fiscal quarter in IST: 30 June 23:59:59 IST is Q1, 1 July 00:00 IST is Q2, 1 January IST is Q4")
    void fiscalQuarterBoundaryInIst() {
        send(loi("q1", "JK-JAMMU", "BASMATI", 100_00L, "2022-06-30T18:29:59Z"));
        send(loi("q2", "JK-JAMMU", "BASMATI", 200_00L, "2022-06-30T18:30:00Z"));
        send(loi("q4", "JK-PULWAMA", "SAFFRON", 400_00L, "2022-12-31T18:30:00Z")); // still 2022 in UTC
        send(loi("next", "JK-JAMMU", "BASMATI", 800_00L, "2023-03-31T18:30:00Z"));

        assertThat(value("JK-JAMMU", "FY2022-23-Q1", "*")).isEqualTo(100_00L);
        assertThat(count("JK-JAMMU", "FY2022-23-Q1", "BASMATI")).isEqualTo(1);
        assertThat(value("JK-JAMMU", "FY2022-23-Q2", "*")).isEqualTo(200_00L);
        assertThat(value("JK-JAMMU", "FY2022-23-Q2", "BASMATI")).isEqualTo(200_00L);
        assertThat(count("JK-JAMMU", "FY2022-23-Q3", "*")).isZero();
        assertThat(value("JK-PULWAMA", "FY2022-23-Q4", "*")).isEqualTo(400_00L);
        assertThat(value("JK-PULWAMA", "FY2022-23-Q4", "SAFFRON")).isEqualTo(400_00L);
        assertThat(count("JK-JAMMU", "FY2022-23-Q4", "*")).isZero();
        assertThat(value("JK-JAMMU", "FY2023-24-Q1", "*")).isEqualTo(800_00L);
        // The quarters and the months are in their fiscal year, not the next one's.
        assertThat(value("JK-JAMMU", "FY2022-23", "*")).isEqualTo(300_00L);
        assertThat(value("JK-JAMMU", "2022-06", "*")).isEqualTo(100_00L);
        assertThat(value("JK-JAMMU", "2022-07", "*")).isEqualTo(200_00L);
        assertThat(value("JK-PULWAMA", "FY2022-23", "*")).isEqualTo(400_00L);
        assertThat(value("JK-PULWAMA", "2023-01", "*")).isEqualTo(400_00L);
        assertThat(value("JK-JAMMU", "FY2023-24", "*")).isEqualTo(800_00L);
        assertThat(value("JK-JAMMU", "all", "*")).isEqualTo(1_100_00L);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    @DisplayName("bytes that are not Avro go to the dead-letter topic with the reason, and later records still count")
    void garbageIsDeadLettered() {
        driver.sendBytes(Topics.LOIS.name(), "JK-SRINAGAR", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        send(loi("e1", "JK-SRINAGAR", "PASHMINA", 500_00L, "2022-07-30T11:00:00+05:30"));

        var dead = driver.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        assertThat(DeadLetters.get(dead.get(0).headers(), DeadLetters.HEADER_REASON)).isEqualTo("NOT_DESERIALIZABLE");
        assertThat(DeadLetters.get(dead.get(0).headers(), DeadLetters.HEADER_SOURCE)).isEqualTo(Topics.LOIS.name());
        assertThat(DeadLetters.get(dead.get(0).headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("0");
        assertThat(driver.deadLetterCounts).containsExactly(Topics.LOIS.name() + ":" + DeadLetterReason.NOT_DESERIALIZABLE);
        assertThat(count("JK-SRINAGAR", "all", "*")).isEqualTo(1);
    }

    @Test
    @DisplayName("a null value, a negative value and a key that is not the district are dead-lettered, not counted")
    void invalidEventsAreDeadLettered() {
        driver.sendBytes(Topics.LOIS.name(), "JK-SRINAGAR", null);
        send(loi("e1", "JK-SRINAGAR", "PASHMINA", -1L, "2022-07-30T11:00:00+05:30"));
        driver.send(Topics.LOIS, "JK-JAMMU", loi("e2", "JK-SRINAGAR", "PASHMINA", 100L, "2022-07-30T11:00:00+05:30"));

        List<String> reasons = driver.deadLetters().stream()
                .map(r -> DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON)).toList();
        assertThat(reasons).containsExactly("NOT_DESERIALIZABLE", "INVALID_FIELD", "KEY_MISMATCH");
        assertThat(driver.deadLetterCounts).hasSize(3);
        assertThat(count("JK-SRINAGAR", "all", "*")).isZero();
    }

    @Test
    @DisplayName("a correction of product (another HS code) and value replaces the earlier version in the HS rows and the rankings")
    void correctionReachesHsRowsAndRankings() {
        driver.addProduct(Product.newBuilder(TestData.product("SAFFRON", "Saffron", "JK-PULWAMA")).setHsCode("091020").build());
        driver.addProduct(Product.newBuilder(TestData.product("WALNUT-KERNELS", "Walnut kernels", "JK-PULWAMA"))
                .setHsCode("080232").build());
        LoiSigned first = loi("e1", "JK-PULWAMA", "SAFFRON", 5_00_000_00L, "2022-05-01T10:00:00+05:30");
        send(first);
        send(loi("e2", "JK-SRINAGAR", "PASHMINA", 3_00_000_00L, "2022-05-02T10:00:00+05:30"));
        for (String period : List.of("all", "FY2022-23", "FY2022-23-Q1", "2022-05")) {
            assertThat(hs("JK-PULWAMA", period, "091020")).containsExactly(1L, 5_00_000_00L);
            assertThat(loiValueRanking(period, null)).extracting(RankingView.Entry::districtCode)
                    .containsExactly("JK-PULWAMA", "JK-SRINAGAR");
            assertThat(loiValueRanking(period, "SAFFRON")).extracting(RankingView.Entry::districtCode)
                    .containsExactly("JK-PULWAMA");
        }

        // The same LOI, corrected: walnut kernels (HS 080232), not saffron, and worth Rs 1 lakh, not 5.
        send(LoiSigned.newBuilder(first).setEventId("e3").setProductCode("WALNUT-KERNELS").setValuePaise(1_00_000_00L).build());
        for (String period : List.of("all", "FY2022-23", "FY2022-23-Q1", "2022-05")) {
            assertThat(hs("JK-PULWAMA", period, "091020")).as(period).containsExactly(0L, 0L);
            assertThat(hs("JK-PULWAMA", period, "080232")).as(period).containsExactly(1L, 1_00_000_00L);
            List<RankingView.Entry> overall = loiValueRanking(period, null);
            assertThat(overall).extracting(RankingView.Entry::districtCode).as(period)
                    .containsExactly("JK-SRINAGAR", "JK-PULWAMA");
            assertThat(overall.get(1).value()).isEqualByComparingTo("100000.00");
            assertThat(overall.get(1).sharePct()).isEqualByComparingTo("25.00");
            assertThat(loiValueRanking(period, "SAFFRON")).as(period).isEmpty();
            assertThat(loiValueRanking(period, "WALNUT-KERNELS")).singleElement().satisfies(e -> {
                assertThat(e.districtCode()).isEqualTo("JK-PULWAMA");
                assertThat(e.value()).isEqualByComparingTo("100000.00");
            });
        }
        assertThat(driver.loiCorrections.get()).isEqualTo(1);
    }
}
