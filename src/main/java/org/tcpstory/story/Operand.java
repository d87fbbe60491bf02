package org.tcpstory.story;

import org.tcpstory.diagnostic.SourcePosition;

/** A field of a segment ({@code seq=u+1}) with the place it was written, for diagnostics that point at it. */
public record Operand(SeqExpr expr, SourcePosition position) {
    @Override
    public String toString() {
        return expr.toString();
    }
}
