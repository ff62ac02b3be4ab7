package org.odop.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odop.pulse.ingest.Adversarial.forAll;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberTextTest {
    private static final Pattern SMALL = Pattern.compile("[+-]?(\\d{1,25}(\\.\\d{0,25})?|\\.\\d{1,25})([eE][+-]?\\d{1,2})?");

    @ParameterizedTest(name = "{0} = {1} x 10^{2}")
    @CsvSource({"0, '', 0", "-0.000, '', 0", "100, 1, 2", "1.50, 15, -1", "00012.3400e2, 1234, 0", ".5, 5, -1", "5., 5, 0",
            "+1E-3, 1, -3", "1e+29, 1, 29", "0e999999999, '', 0", "1000000000000.00, 1, 12", "92233720368547758.07, 9223372036854775807, -2"})
    void normalises(String text, String digits, int exponent) throws Exception {
        NumberText n = NumberText.parse(text);
        assertThat(n.digits()).isEqualTo(digits);
        assertThat(n.exponent()).isEqualTo(exponent);
        assertThat(n.toBigDecimal()).isEqualByComparingTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "--1", "NaN", "Infinity", "0x10", "1_0",
            "\u0661", "\uff11", "1d"})
    void notANumber(String text) {
        assertThatThrownBy(() -> NumberText.parse(text)).isInstanceOf(NumberText.Problem.class).hasMessage("is not a number");
    }

    @ParameterizedTest
    @CsvSource({"1e30, is too large", "1e999999999, is too large", "1e99999999999999, is too large", "1e-41, has too many decimals",
            "1e-99999999999, has too many decimals", "12345678901234567890123456789012345678901, has more than 40 significant digits"})
    void outOfBounds(String text, String problem) {
        assertThatThrownBy(() -> NumberText.parse(text)).hasMessage(problem);
    }

    @Test
    @DisplayName("agrees with BigDecimal on every small decimal; any text is judged promptly")
    void agreesWithBigDecimal() {
        forAll("numberText", Adversarial::numberText, text -> {
            NumberText n;
            try {
                n = NumberText.parse(text);
            } catch (NumberText.Problem p) {
                if (SMALL.matcher(text).matches()) {
                    BigDecimal b = new BigDecimal(text);
                    assertThat(p.getMessage()).isNotEqualTo("is not a number");
                    BigDecimal s = b.stripTrailingZeros();
                    assertThat(b.signum() != 0 && (s.precision() > NumberText.MAX_SIGNIFICANT_DIGITS
                            || s.precision() - s.scale() > NumberText.MAX_MAGNITUDE || s.scale() > NumberText.MAX_DECIMALS))
                            .as("%s is out of bounds", b).isTrue();
                }
                return;
            }
            assertThat(n.digits().length()).isLessThanOrEqualTo(NumberText.MAX_SIGNIFICANT_DIGITS);
            assertThat(n.integerDigits()).isLessThanOrEqualTo(NumberText.MAX_MAGNITUDE);
            assertThat(n.scale()).isLessThanOrEqualTo(NumberText.MAX_DECIMALS);
            if (SMALL.matcher(text).matches()) assertThat(n.toBigDecimal()).isEqualByComparingTo(new BigDecimal(text));
        });
    }
}
