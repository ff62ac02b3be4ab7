package org.odop.pulse.topology.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.shipment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.FxRate;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ProductCategory;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Topics;
import org.odop.pulse.domain.FxRates;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.support.PipelineDriver;
import org.odop.pulse.support.TestData;
import org.odop.pulse.topology.loi.LoiTopology;

/** The dollar, destination and HS rules of the export views, rule by rule, on the whole topology. */
class TradeIntelligenceTopologyTest {
    private static final String D = "JK-PULWAMA";
    private final PipelineDriver driver = new PipelineDriver();

    @BeforeEach
    void saffronHasAnHsCode() {
        driver.addProduct(Product.newBuilder().setProductCode("SAFFRON").setName("Saffron")
                .setCategory(ProductCategory.AGRICULTURE).setDistrictCode(D).setHsCode("091020").build());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void rate(String validFrom, String inrPerUnit) {
        rate("USD", validFrom, inrPerUnit);
    }

    private void rate(String currency, String validFrom, String inrPerUnit) {
        LocalDate day = LocalDate.parse(validFrom);
        driver.send(Topics.FX_RATES, FxRates.key(currency, day), FxRate.newBuilder().setCurrency(currency)
                .setValidFrom(day).setInrPerUnit(new BigDecimal(inrPerUnit).setScale(4)).setSource("CBIC").build());
    }

    private void removeRate(String validFrom) {
        driver.sendBytes(Topics.FX_RATES.name(), FxRates.key("USD", LocalDate.parse(validFrom)), null);
    }

    /** Lets every task compare the global table of rates with the rates it applied. */
    private void ratesChecked() {
        driver.advanceWallClock(ShipmentTopology.RATES_CHECK_EVERY);
    }

    private int n;

    private void export(long paise, String at, String country) {
        export(paise, at, country, null);
    }

    private void export(long paise, String at, String country, String hsCode) {
        n++;
        ShipmentEvent s = ShipmentEvent.newBuilder(shipment("e" + n, "SH" + n, D, "SAFFRON", ShipmentStatus.CUSTOMS_CLEARED,
                paise, at, null)).setDestinationCountry(country).setHsCode(hsCode).build();
        driver.send(Topics.SHIPMENTS, D, s);
    }

    private Measures total(String period) {
        return driver.total(ShipmentTopology.MEASURES_STORE, D, period);
    }

    private Measures hs(String period, String code) {
        return driver.measures(ShipmentTopology.HS_STORE, D, period, code);
    }

    private Measures destination(String period, String country) {
        return driver.measures(ShipmentTopology.DESTINATIONS_STORE, D, period, MeasureKeys.destination(country, "SAFFRON"));
    }

    @Test
    @DisplayName("the rate in force on a day is the one with the greatest validFrom on or before it")
    void rateInForce() {
        rate("2022-08-01", "79.5000");
        rate("2022-09-01", "80.0000");
        rate("EUR", "2022-08-15", "82.0000"); // another currency's rates never value exports in dollars
        ratesChecked();
        export(79_500_00L, "2022-08-15T10:00:00+05:30", "US");  // Rs 79,500 at 79.50 = $1,000.00
        export(80_000_00L, "2022-09-10T10:00:00+05:30", "US");  // Rs 80,000 at 80.00 = $1,000.00
        export(40_000_00L, "2022-10-31T10:00:00+05:30", "AE");  // still 80.00 = $500.00

        assertThat(total("all").getExportValueUsdCents()).isEqualTo(2_500_00L);
        assertThat(total("2022-08").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("all").getExportValueInrUnconvertedPaise()).isZero();
        assertThat(driver.measures(ShipmentTopology.MEASURES_STORE, D, "FY2022-23", "SAFFRON").getExportValueUsdCents())
                .isEqualTo(2_500_00L);
        assertThat(destination("all", "US").getExportValueUsdCents()).isEqualTo(2_000_00L);
        assertThat(destination("all", "AE").getExportValueUsdCents()).isEqualTo(500_00L);
        assertThat(destination("all", "AE").getExportValuePaise()).isEqualTo(40_000_00L);
    }

    @Test
    @DisplayName("a cell's rupees are converted together, rounded half-even to the cent, not event by event")
    void cellsRoundHalfEven() {
        rate("2022-04-01", "80.0000");
        ratesChecked();
        // 40 paise at 80 rupees per dollar is half a cent: alone it rounds to 0 (half-even), three together 1.5 -> 2.
        export(40L, "2022-05-02T09:00:00+05:30", "US");
        assertThat(total("all").getExportValueUsdCents()).isZero();
        export(40L, "2022-05-02T12:00:00+05:30", "US");
        export(40L, "2022-05-02T23:00:00+05:30", "US");
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(2);
        // The same rupees on another day, or to another country, are another cell: 0.5 -> 0 there.
        export(40L, "2022-05-03T09:00:00+05:30", "US");
        export(40L, "2022-05-02T09:00:00+05:30", "GB");
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(2);
        assertThat(total("all").getExportValuePaise()).isEqualTo(200L);
    }

    @Test
    @DisplayName("a cell with no rate in force is left out of dollars and shown as unconverted rupees")
    void noRateInForce() {
        rate("2022-08-01", "79.5000");
        ratesChecked();
        export(79_500_00L, "2022-07-31T23:59:00+05:30", "US");
        export(79_500_00L, "2022-08-01T00:00:00+05:30", "US");
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("all").getExportValueInrUnconvertedPaise()).isEqualTo(79_500_00L);
        assertThat(total("2022-07").getExportValueInrUnconvertedPaise()).isEqualTo(79_500_00L);
        assertThat(total("2022-08").getExportValueInrUnconvertedPaise()).isZero();
    }

    @Test
    @DisplayName("a rate that arrives late, for an earlier validFrom, revalues the cells it now covers")
    void lateRateRevalues() {
        rate("2022-08-01", "79.5000");
        ratesChecked();
        export(75_000_00L, "2022-07-15T10:00:00+05:30", "US");
        assertThat(total("2022-07").getExportValueInrUnconvertedPaise()).isEqualTo(75_000_00L);

        rate("2022-07-01", "75.0000");
        // Until the task has compared the rates, the views stay as they were: consistent with the rates applied.
        assertThat(total("2022-07").getExportValueUsdCents()).isZero();
        ratesChecked();
        assertThat(total("2022-07").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("2022-07").getExportValueInrUnconvertedPaise()).isZero();
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(destination("FY2022-23-Q2", "US").getExportValueUsdCents()).isEqualTo(1_000_00L);
    }

    @Test
    @DisplayName("a rate inserted between two others revalues only the days up to the next rate")
    void insertedRateRevaluesItsDaysOnly() {
        rate("2022-08-01", "79.5000");
        rate("2022-10-01", "81.0000");
        ratesChecked();
        export(79_500_00L, "2022-08-20T10:00:00+05:30", "US");  // $1,000 at 79.50, whatever is inserted later
        export(79_500_00L, "2022-09-20T10:00:00+05:30", "US");  // $1,000 at 79.50 until 80.00 is inserted
        export(81_000_00L, "2022-10-20T10:00:00+05:30", "US");  // $1,000 at 81.00
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(3_000_00L);

        rate("2022-09-01", "80.0000");
        ratesChecked();
        assertThat(total("2022-08").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("2022-09").getExportValueUsdCents()).isEqualTo(99_375L); // 79,500 / 80 = 993.75
        assertThat(total("2022-10").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(2_993_75L);

        rate("2022-09-01", "79.0000"); // a corrected figure for the same day
        ratesChecked();
        assertThat(total("2022-09").getExportValueUsdCents()).isEqualTo(1_006_33L); // 79,500 / 79 = 1006.329...
        removeRate("2022-09-01");   // withdrawn: back to 79.50
        ratesChecked();
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(3_000_00L);
        removeRate("2022-08-01");   // no rate before October any more
        ratesChecked();
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("all").getExportValueInrUnconvertedPaise()).isEqualTo(159_000_00L);
    }

    @Test
    @DisplayName("IST day boundaries: 18:29:59Z is still the IST day before, 18:30Z the next one (and its month and quarter)")
    void istDayBoundary() {
        rate("2022-06-01", "78.0000");
        rate("2022-07-01", "79.0000");
        ratesChecked();
        export(78_000_00L, "2022-06-30T18:29:59Z", "US"); // 23:59:59 IST on 30 June: 78.00, June, Q1
        export(79_000_00L, "2022-06-30T18:30:00Z", "US"); // 00:00 IST on 1 July: 79.00, July, Q2
        assertThat(total("2022-06").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("FY2022-23-Q1").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("2022-07").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("FY2022-23-Q2").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("FY2022-23-Q2").getExportValuePaise()).isEqualTo(79_000_00L);
    }

    @Test
    @DisplayName("quarter boundaries: the last IST day of March is Q4 of the year before, the first of April Q1")
    void quarterBoundary() {
        rate("2023-01-01", "82.0000");
        ratesChecked();
        export(82_000_00L, "2023-03-31T18:29:00Z", "AE");
        export(41_000_00L, "2023-03-31T18:31:00Z", "AE");
        assertThat(total("FY2022-23-Q4").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(total("FY2023-24-Q1").getExportValueUsdCents()).isEqualTo(500_00L);
        assertThat(total("FY2023-24").getExportValueUsdCents()).isEqualTo(500_00L);
    }

    @Test
    @DisplayName("an event's own HS code overrides its product's, for exports and LOIs; none means no HS row")
    void hsOverride() {
        rate("2022-04-01", "80.0000");
        ratesChecked();
        export(80_000_00L, "2022-05-02T10:00:00+05:30", "US");              // the product's 091020
        export(160_000_00L, "2022-05-03T10:00:00+05:30", "US", "09102010"); // its own code
        LoiSigned loi = LoiSigned.newBuilder(TestData.loi("l1", D, "SAFFRON", 5_00_000_00L, "2022-05-01T10:00:00Z"))
                .setHsCode("09102090").build();
        driver.send(Topics.LOIS, D, loi);
        driver.send(Topics.LOIS, D, TestData.loi("l2", D, "SAFFRON", 1_00_000_00L, "2022-05-01T10:00:00Z"));
        driver.send(Topics.LOIS, "JK-SRINAGAR", TestData.loi("l3", "JK-SRINAGAR", "PASHMINA", 1_00L, "2022-05-01T10:00:00Z"));

        Measures own = driver.measures(ShipmentTopology.HS_STORE, D, "all", "09102010");
        Measures product = driver.measures(ShipmentTopology.HS_STORE, D, "all", "091020");
        assertThat(own.getExportValuePaise()).isEqualTo(160_000_00L);
        assertThat(own.getExportValueUsdCents()).isEqualTo(2_000_00L);
        assertThat(product.getExportValuePaise()).isEqualTo(80_000_00L);
        assertThat(driver.measures(LoiTopology.HS_STORE, D, "2022-05", "09102090").getLoiValuePaise()).isEqualTo(5_00_000_00L);
        assertThat(driver.measures(LoiTopology.HS_STORE, D, "2022-05", "091020").getLoiCount()).isEqualTo(1);
        // PASHMINA has no HS code in this reference data: its LOI counts in no HS row, and in its district's total.
        KeyCount none = new KeyCount(driver.store(LoiTopology.HS_STORE), "all|JK-SRINAGAR|");
        assertThat(none.count()).isZero();
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a cell is (district, product, destination, day) whatever the HS codes: HS rows take their dollars from (cell x HS code) sub-cells")
    void hsCodesDoNotSplitCells() {
        rate("2022-04-01", "80.0000");
        ratesChecked();
        // Two exports of 120 paise in one cell, each with its own HS code. At 80.00 the cell is 240 paise = 3 cents;
        // each HS sub-cell is 120 paise = 1.5 cents, so 2 (half-even): 2 + 2 is not 3.
        export(120L, "2022-05-02T09:00:00+05:30", "US", "09102010");
        export(120L, "2022-05-02T15:00:00+05:30", "US", "09102090");
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(3);
        assertThat(driver.measures(ShipmentTopology.MEASURES_STORE, D, "2022-05", "SAFFRON").getExportValueUsdCents()).isEqualTo(3);
        assertThat(destination("FY2022-23-Q1", "US").getExportValueUsdCents()).isEqualTo(3);
        assertThat(hs("all", "09102010").getExportValueUsdCents()).isEqualTo(2);
        assertThat(hs("2022-05", "09102090").getExportValueUsdCents()).isEqualTo(2);
        assertThat(hs("all", "09102090").getExportValuePaise()).isEqualTo(120L);

        // A rate inserted for the day revalues both kinds: 240 / 36 = 6.67, so 7 cents; 120 / 36 = 3.33, so 3 each.
        rate("2022-05-01", "36.0000");
        ratesChecked();
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(7);
        assertThat(driver.measures(ShipmentTopology.MEASURES_STORE, D, "all", "SAFFRON").getExportValueUsdCents()).isEqualTo(7);
        assertThat(destination("2022-05", "US").getExportValueUsdCents()).isEqualTo(7);
        assertThat(hs("all", "09102010").getExportValueUsdCents()).isEqualTo(3);
        assertThat(hs("FY2022-23", "09102090").getExportValueUsdCents()).isEqualTo(3);
        // Withdrawn again: back to 80.00, 3 cents and 2 + 2.
        removeRate("2022-05-01");
        ratesChecked();
        assertThat(total("2022-05").getExportValueUsdCents()).isEqualTo(3);
        assertThat(hs("all", "09102010").getExportValueUsdCents()).isEqualTo(2);
        assertThat(hs("all", "09102090").getExportValueUsdCents()).isEqualTo(2);
    }

    @Test
    @DisplayName("an event whose own HS code is not 2 to 8 digits is a dead letter, not a row")
    void malformedHsCode() {
        export(100L, "2022-05-02T10:00:00+05:30", "US", "0910X");
        assertThat(total("all").getExportShipments()).isZero();
        assertThat(driver.deadLetterCounts).containsExactly("odop.shipments.v1:INVALID_FIELD");
    }

    @Test
    @DisplayName("rates applied survive in the task's own store: a cell is valued once, not again at the next check")
    void appliedRatesAreKept() {
        rate("2022-04-01", "80.0000");
        ratesChecked();
        export(80_000_00L, "2022-05-02T10:00:00+05:30", "US");
        ratesChecked();
        ratesChecked();
        assertThat(total("all").getExportValueUsdCents()).isEqualTo(1_000_00L);
        assertThat(driver.<String>store(ShipmentTopology.RATES_APPLIED_STORE).get("USD|2022-04-01")).isEqualTo("80.0000");
        // The cell, and its sub-cell of the product's HS code.
        assertThat(driver.<Long>store(ShipmentTopology.CELLS_STORE).get("2022-05-02|JK-PULWAMA|SAFFRON|US"))
                .isEqualTo(80_000_00L);
        assertThat(driver.<Long>store(ShipmentTopology.CELLS_STORE).get("2022-05-02|JK-PULWAMA|SAFFRON|US|091020"))
                .isEqualTo(80_000_00L);
    }

    /** Counts keys of a store under a prefix. */
    private record KeyCount(org.apache.kafka.streams.state.KeyValueStore<String, Measures> store, String prefix) {
        long count() {
            long c = 0;
            try (var it = store.range(prefix, prefix + Character.MAX_VALUE)) {
                while (it.hasNext()) {
                    it.next();
                    c++;
                }
            }
            return c;
        }
    }

}
