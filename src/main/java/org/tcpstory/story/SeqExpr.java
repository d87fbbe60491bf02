package org.tcpstory.story;

/**
 * A sequence-number expression as the author wrote it: a number ({@code 100}), a symbol ({@code x}),
 * or a symbol plus or minus a number ({@code u+1}, {@code w-3}).
 *
 * @param symbol the symbol, or {@code null} for a plain number
 * @param offset the number, or the offset added to the symbol (negative for {@code w-3})
 */
public record SeqExpr(String symbol, long offset) {

    public static final long MODULUS = 1L << 32;

    public static SeqExpr number(long value) {
        return new SeqExpr(null, value);
    }

    public static SeqExpr symbol(String symbol, long offset) {
        return new SeqExpr(symbol, offset);
    }

    public boolean isNumber() {
        return symbol == null;
    }

    @Override
    public String toString() {
        if (symbol == null) {
            return Long.toString(offset);
        }
        if (offset == 0) {
            return symbol;
        }
        return offset > 0 ? symbol + "+" + offset : symbol + "-" + (-offset);
    }
}
