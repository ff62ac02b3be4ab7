package org.odop.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odop.pulse.ingest.Adversarial.forAll;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.domain.Codes;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.domain.EventLimits;

/**
 * Properties of every reader of {@link Fields}: for any text, the answer is a value or an
 * {@link InvalidRecordException} whose message names the field; where the text is small enough for
 * {@link BigDecimal} or {@link OffsetDateTime} to judge safely, the answer agrees with them.
 */
class FieldsPropertyTest {
    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    private static final EventLimits LIMITS = EventLimits.DEFAULT;
    /** Texts small enough that BigDecimal's own arithmetic on them is cheap: the oracle. */
    private static final Pattern SMALL_DECIMAL = Pattern.compile("[+-]?(\\d{1,25}(\\.\\d{0,25})?|\\.\\d{1,25})([eE][+-]?\\d{1,2})?");

    private static Fields one(String name, String value) {
        return new Fields(value == null ? Map.of() : Map.of(name, value), LIMITS, NOW);
    }

    /** Runs a reader: its value, or empty when it rejected the text in the documented way. */
    private static <T> Optional<T> outcome(String field, Supplier<T> reader) {
        try {
            return Optional.ofNullable(reader.get());
        } catch (InvalidRecordException e) {
            assertThat(e.reason()).isIn(DeadLetterReason.INVALID_FIELD, DeadLetterReason.MISSING_FIELD);
            assertThat(e.getMessage()).contains("'" + field + "'");
            assertThat(e.getMessage().length()).as("a message never repeats a long text").isLessThan(500);
            return Optional.empty();
        }
    }

    private static BigDecimal oracle(String text) {
        String t = text.trim();
        return SMALL_DECIMAL.matcher(t).matches() ? new BigDecimal(t) : null;
    }

    @Test
    @DisplayName("money: any text gives paise or a 422 reason; small decimals agree with BigDecimal, the limit and two decimals")
    void money() {
        forAll("money", Adversarial::numberText, text -> {
            Optional<Long> paise = outcome("valueInr", () -> one("valueInr", text).moneyPaise("valueInr"));
            BigDecimal expected = oracle(text);
            if (expected != null) {
                boolean ok = expected.signum() >= 0 && expected.stripTrailingZeros().scale() <= 2
                        && expected.movePointRight(2).compareTo(BigDecimal.valueOf(EventLimits.MAX_EVENT_VALUE_PAISE)) <= 0;
                assertThat(paise.isPresent()).as("accepted").isEqualTo(ok);
                if (ok) assertThat(paise.get()).isEqualTo(expected.movePointRight(2).longValueExact());
            }
            paise.ifPresent(p -> assertThat(EventLimits.valueProblem(p)).isEmpty());
        });
    }

    @Test
    @DisplayName("money above the limit says the limit; negative says negative")
    void moneyMessages() {
        assertThatThrownBy(() -> one("valueInr", "92233720368547758.07").moneyPaise("valueInr"))
                .hasMessageContaining("valueInr").hasMessageContaining(EventLimits.MAX_EVENT_VALUE_TEXT);
        assertThatThrownBy(() -> one("valueInr", "1e999999999").moneyPaise("valueInr"))
                .hasMessageContaining("valueInr").hasMessageContaining("too large");
        assertThatThrownBy(() -> one("valueInr", "-1").moneyPaise("valueInr")).hasMessageContaining("negative");
        assertThat(one("valueInr", "1000000000000").moneyPaise("valueInr")).isEqualTo(EventLimits.MAX_EVENT_VALUE_PAISE);
        assertThat(one("valueInr", "1.5e2").moneyPaise("valueInr")).isEqualTo(15_000L);
        assertThat(one("valueInr", " 0.10 ").moneyPaise("valueInr")).isEqualTo(10L);
    }

    @Test
    @DisplayName("positive decimals (quantity): a value with at most 3 decimals below 10^15, or a 422; agrees with BigDecimal")
    void positiveDecimal() {
        forAll("positiveDecimal", Adversarial::numberText, text -> {
            Optional<BigDecimal> d = outcome("quantity", () -> one("quantity", text).positiveDecimal("quantity", 3));
            BigDecimal expected = oracle(text);
            if (expected != null) {
                boolean ok = expected.signum() > 0 && expected.stripTrailingZeros().scale() <= 3
                        && expected.compareTo(BigDecimal.TEN.pow(15)) < 0;
                assertThat(d.isPresent()).as("accepted").isEqualTo(ok);
                if (ok) assertThat(d.get()).isEqualTo(expected.setScale(3));
            }
            d.ifPresent(v -> assertThat(v.scale()).isEqualTo(3));
        });
    }

    @Test
    @DisplayName("positive whole numbers (order quantity): a long above zero or a 422; agrees with BigDecimal")
    void positiveLong() {
        forAll("positiveLong", Adversarial::numberText, text -> {
            Optional<Long> n = outcome("quantity", () -> one("quantity", text).positiveLong("quantity"));
            BigDecimal expected = oracle(text);
            if (expected != null) {
                boolean ok = expected.signum() > 0 && expected.stripTrailingZeros().scale() <= 0
                        && expected.compareTo(BigDecimal.TEN.pow(18)) < 0;
                assertThat(n.isPresent()).as("accepted").isEqualTo(ok);
                if (ok) assertThat(n.get()).isEqualTo(expected.longValueExact());
            }
            n.ifPresent(v -> assertThat(v).isPositive());
        });
    }

    @Test
    @DisplayName("coordinates: a double within the range, never NaN or infinite, or a 422; agrees with Double.parseDouble")
    void coordinates() {
        forAll("coordinates", Adversarial::numberText, text -> {
            Optional<Double> d = outcome("latitude", () -> one("latitude", text).optionalDouble("latitude", -90, 90));
            BigDecimal expected = oracle(text);
            if (text.isBlank()) {
                assertThat(d).isEmpty();
            } else if (expected != null) {
                double parsed = Double.parseDouble(text.trim());
                boolean inRange = parsed >= -90 && parsed <= 90;
                if (d.isEmpty() && inRange) {
                    // Only the bounds every number is held to may refuse a value in range (e.g. 1e-60 has too many decimals).
                    assertThatThrownBy(() -> NumberText.parse(text.trim())).isInstanceOf(NumberText.Problem.class)
                            .hasMessageNotContaining("not a number");
                }
                assertThat(d.isEmpty() || inRange).as("out of range accepted").isTrue();
                d.ifPresent(v -> assertThat(v.doubleValue() == parsed).as("%s == %s", v, parsed).isTrue());
            }
            d.ifPresent(v -> assertThat(v).isBetween(-90.0, 90.0));
        });
    }

    @Test
    @DisplayName("timestamps: an instant or a 422; agrees with OffsetDateTime.parse")
    void timestamps() {
        forAll("timestamps", Adversarial::timestampText, text -> {
            Optional<Instant> at = outcome("occurredAt", () -> one("occurredAt", text).timestamp("occurredAt"));
            String t = text.trim();
            Instant expected = null;
            if (!t.isEmpty()) {
                try {
                    expected = OffsetDateTime.parse(t).toInstant();
                } catch (DateTimeParseException e) {
                    // rejected by both
                }
            }
            assertThat(at.orElse(null)).isEqualTo(expected);
        });
    }

    @Test
    @DisplayName("event times: accepted exactly inside [2000-01-01, now + maxAhead]; outside, a 422 naming the field and the window")
    void eventTimes() {
        forAll("eventTimes", Adversarial::timestampText, text -> {
            Optional<Instant> at = outcome("signedAt", () -> one("signedAt", text).eventTime("signedAt"));
            Instant parsed = outcome("signedAt", () -> one("signedAt", text).timestamp("signedAt")).orElse(null);
            boolean inside = parsed != null && !parsed.isBefore(EventLimits.EARLIEST_EVENT_TIME)
                    && !parsed.isAfter(NOW.plus(EventLimits.DEFAULT_MAX_AHEAD));
            assertThat(at.isPresent()).isEqualTo(inside);
            if (parsed != null && !inside) {
                assertThatThrownBy(() -> one("signedAt", text).eventTime("signedAt"))
                        .hasMessageContaining("signedAt").hasMessageContaining("2000-01-01T00:00:00Z");
            }
        });
        Fields edge = new Fields(Map.of("t", NOW.plus(Duration.ofDays(1)).toString(), "u",
                NOW.plus(Duration.ofDays(1)).plusMillis(1).toString()), LIMITS, NOW);
        assertThat(edge.eventTime("t")).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> edge.eventTime("u")).hasMessageContaining("ahead");
    }

    @Test
    @DisplayName("enums: a symbol (any case, trimmed) or a 422 listing the symbols")
    void enums() {
        forAll("enums", g -> g.chance(0.3) ? g.pick(ShipmentStatus.values()).name().toLowerCase(Locale.ROOT) + g.pick("", " ")
                : g.chance(0.5) ? g.text(30) : g.pick("PLACED", "placed", "Placed", "PLACED\u0000", "PLACİD", "ı", "", " "),
                text -> {
                    Optional<ShipmentStatus> s = outcome("status", () -> one("status", text).enumValue("status", ShipmentStatus.class));
                    boolean known = Arrays.stream(ShipmentStatus.values())
                            .anyMatch(v -> v.name().equals(text.trim().toUpperCase(Locale.ROOT)));
                    assertThat(s.isPresent()).isEqualTo(known);
                    outcome("status", () -> one("status", text).enumValue("status", OrderStatus.class));
                });
    }

    @Test
    @DisplayName("codes: accepted exactly when they match the code pattern; texts of any size answer promptly")
    void codes() {
        forAll("codes", g -> g.chance(0.3) ? "JK-" + g.digits(g.length(80)) : g.chance(0.1) ? "A".repeat(g.random.nextInt(100_000)) : g.text(80),
                text -> {
                    Optional<String> c = outcome("districtCode", () -> one("districtCode", text).code("districtCode"));
                    String t = text.trim();
                    assertThat(c.isPresent()).isEqualTo(!t.isEmpty() && Codes.CODE.matcher(t).matches());
                    outcome("hsCode", () -> one("hsCode", text).optionalCode("hsCode", Codes.HS_CODE, "digits"));
                    outcome("name", () -> one("name", text).requiredText("name"));
                });
    }
}
