package io.detectionhub.sigma.model;

import java.math.BigDecimal;

/** A value of a detection item: a string (with wildcards), a number, a boolean or null. */
public sealed interface SigmaValue permits SigmaString, SigmaValue.Number, SigmaValue.Bool, SigmaValue.Null {

    /** The value as text, the way an event's string form is compared against it. */
    String asText();

    /** A YAML number. {@code text} is its canonical form ({@code 4688}, {@code 1.5}). */
    record Number(BigDecimal value, String text) implements SigmaValue {
        public static Number of(java.lang.Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            String text = d.scale() <= 0 ? d.toBigInteger().toString() : d.stripTrailingZeros().toPlainString();
            return new Number(d, text);
        }

        @Override
        public String asText() {
            return text;
        }
    }

    record Bool(boolean value) implements SigmaValue {
        @Override
        public String asText() {
            return Boolean.toString(value);
        }
    }

    /** YAML {@code null} or an empty value: the field is absent, null or empty. */
    record Null() implements SigmaValue {
        public static final Null INSTANCE = new Null();

        @Override
        public String asText() {
            return "";
        }
    }
}
