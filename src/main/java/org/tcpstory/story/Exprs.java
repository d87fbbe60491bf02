package org.tcpstory.story;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the numbers and sequence expressions of the format; shared by event lines and front matter. */
final class Exprs {

    static final long MAX = SeqExpr.MODULUS - 1;

    private static final Pattern EXPR =
            Pattern.compile("(?:(\\d+)|([a-z][a-z0-9_]*)(?:\\s*([+-])\\s*(\\d+))?)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern UPPER_SYMBOL = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(?:\\s*[+-]\\s*\\d+)?");

    private Exprs() {
    }

    /** Either a value or why there is none; {@code rule} is "number-range", "syntax" or "text-limit". */
    record Result(SeqExpr expr, String rule, String message) {
        static Result ok(SeqExpr expr) {
            return new Result(expr, null, null);
        }

        static Result error(String rule, String message) {
            return new Result(null, rule, message);
        }

        boolean ok() {
            return expr != null;
        }
    }

    /** {@code 100}, {@code x}, {@code u+1}, {@code w - 3}. */
    static Result expr(String text, String what) {
        Matcher m = EXPR.matcher(text);
        if (!m.matches()) {
            if (UPPER_SYMBOL.matcher(text).matches()) {
                return Result.error("syntax", what + " `" + text + "`: symbols are lower-case ([a-z][a-z0-9_]*)");
            }
            return Result.error("syntax", what + " `" + text
                    + "` is not a number (0 to 4294967295), a symbol (like `x`) or a symbol plus or minus a number (like `x+1`)");
        }
        if (m.group(1) != null) {
            return number(m.group(1), what);
        }
        if (m.group(2).length() > EventLimits.MAX_NAME) {
            return Result.error("text-limit", what + ": the symbol is " + m.group(2).length()
                    + " characters long; the limit is " + EventLimits.MAX_NAME);
        }
        if (m.group(3) == null) {
            return Result.ok(SeqExpr.symbol(m.group(2), 0));
        }
        Result offset = number(m.group(4), what + " offset");
        if (!offset.ok()) {
            return offset;
        }
        long value = offset.expr().offset();
        return Result.ok(SeqExpr.symbol(m.group(2), m.group(3).equals("-") ? -value : value));
    }

    /** A plain decimal number from 0 to 2^32-1, as a number expression. */
    static Result number(String text, String what) {
        if (!DIGITS.matcher(text).matches()) {
            return Result.error("syntax", what + " `" + text + "` is not a number (0 to 4294967295)");
        }
        String digits = text.replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > MAX) {
            return Result.error("number-range", what + " " + text
                    + " is out of range: numbers go from 0 to 4294967295 (2^32-1)");
        }
        return Result.ok(SeqExpr.number(Long.parseLong(digits)));
    }
}
