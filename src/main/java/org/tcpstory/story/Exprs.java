package org.tcpstory.story;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Text;

/** Reads the numbers and sequence expressions of the format; shared by event lines and front matter. */
final class Exprs {

    static final long MAX = SeqExpr.MODULUS - 1;

    private static final Pattern EXPR =
            Pattern.compile("(?:(\\d+)|([a-z][a-z0-9_]*)(?:\\s*([+-])\\s*(\\d+))?)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** Zeros before a number's first significant digit (compiled once: every number of every event meets it). */
    private static final Pattern LEADING_ZEROS = Pattern.compile("^0+(?=\\d)");
    private static final Pattern UPPER_SYMBOL = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(?:\\s*[+-]\\s*\\d+)?");

    private Exprs() {
    }

    /** Either a value or why there is none; {@code rule} is "number-range", "syntax" or "text-limit". */
    record Result(SeqExpr expr, String rule, Text text) {
        static Result ok(SeqExpr expr) {
            return new Result(expr, null, null);
        }

        static Result error(String rule, Text text) {
            return new Result(null, rule, text);
        }

        boolean ok() {
            return expr != null;
        }
    }

    /**
     * {@code 100}, {@code x}, {@code u+1}, {@code w - 3}.
     *
     * @param what the value in words, for the message: {@code seq}, the left edge of a SACK block
     */
    static Result expr(String text, Text what) {
        Matcher m = EXPR.matcher(text);
        if (!m.matches()) {
            if (UPPER_SYMBOL.matcher(text).matches()) {
                return Result.error("syntax", Text.of("expr.upperCaseSymbol", what, text));
            }
            return Result.error("syntax", Text.of("expr.notAnExpression", what, text));
        }
        if (m.group(1) != null) {
            return number(m.group(1), what);
        }
        if (m.group(2).length() > EventLimits.MAX_NAME) {
            return Result.error("text-limit", Text.of("expr.symbolTooLong", what, m.group(2).length(), EventLimits.MAX_NAME));
        }
        if (m.group(3) == null) {
            return Result.ok(SeqExpr.symbol(m.group(2), 0));
        }
        Result offset = number(m.group(4), Text.of("expr.offsetOf", what));
        if (!offset.ok()) {
            return offset;
        }
        long value = offset.expr().offset();
        return Result.ok(SeqExpr.symbol(m.group(2), m.group(3).equals("-") ? -value : value));
    }

    /** A plain decimal number from 0 to 2^32-1, as a number expression. */
    static Result number(String text, Text what) {
        if (!DIGITS.matcher(text).matches()) {
            return Result.error("syntax", Text.of("expr.notANumber", what, text));
        }
        String digits = LEADING_ZEROS.matcher(text).replaceFirst("");
        if (digits.length() > 10 || Long.parseLong(digits) > MAX) {
            return Result.error("number-range", Text.of("expr.outOfRange", what, text));
        }
        return Result.ok(SeqExpr.number(Long.parseLong(digits)));
    }
}
