package org.tcpstory.engine;

import java.util.ArrayList;
import java.util.List;
import org.tcpstory.diagnostic.SourcePosition;
import org.tcpstory.diagnostic.Text;
import org.tcpstory.story.Event;
import org.tcpstory.story.Flag;
import org.tcpstory.story.Operand;
import org.tcpstory.story.Options;

/**
 * The TCP options of contract v2, on both sides of the wire: where each may go and what its numbers must
 * be when a peer sends it (MSS, window scale and SACK-permitted on SYNs, SACK blocks once permitted,
 * timestamps once both SYNs offered them), and what a peer learns from those it receives (the other's MSS
 * and shift count, TS.Recent, the SACK scoreboard) or drops (PAWS).
 */
final class OptionRules {

    /** RFC 7323 §2.3: a larger shift count is used as 14. */
    static final int MAX_SHIFT = 14;
    private static final long MAX_MSS = 65_535;

    private final Numbers numbers;
    private final Findings findings;

    OptionRules(Numbers numbers, Findings findings) {
        this.numbers = numbers;
        this.findings = findings;
    }

    // ---- sending

    /**
     * Checks the options of a segment {@code from} sends, notes what its SYN offered and returns them with
     * their numbers resolved; wrong options are reported and left out, so the story goes on without them.
     */
    WireOptions sent(Event.Send send, Tcb from, boolean syn, boolean ack, boolean rst, long length) {
        Options options = send.segment().options();
        if (options.isEmpty() && !syn && !from.timestamps() && !from.sackPermitted()
                && (length == 0 || from.peerSyn.mss() == null)) {
            return WireOptions.NONE; // a v1 segment: nothing to check, nothing to carry
        }
        boolean synAck = syn && ack;
        Long mss = null;
        Integer wscale = null;
        boolean sackOk = false;
        if (!syn) {
            for (Operand misplaced : new Operand[] {options.mss(), options.wscale()}) {
                if (misplaced != null) {
                    misplaced(misplaced.position(), misplaced == options.mss() ? "mss=" : "wscale=", "engine.option.onlyInSyn");
                }
            }
            if (options.sackOk() != null) {
                misplaced(options.sackOk(), "sackOK", "engine.option.onlyInSyn");
            }
        } else {
            mss = mss(options.mss());
            wscale = shift(options.wscale());
            sackOk = options.sackOk() != null;
            if (synAck && wscale != null && from.peerSyn.wscale() == null) {
                misplaced(options.wscale().position(), "wscale=", "engine.option.synAckWhenSynCarried");
                wscale = null;
            }
            if (synAck && sackOk && !from.peerSyn.sackOk()) {
                misplaced(options.sackOk(), "sackOK", "engine.option.synAckWhenSynCarried");
                sackOk = false;
            }
        }
        List<WireOptions.Range> sack = sack(send, from, ack, options);
        Value tsVal = null;
        Value tsEcr = null;
        if (options.ts() != null) {
            boolean allowed = syn ? !synAck || from.peerSyn.timestamps() : from.timestamps();
            if (!allowed) {
                findings.error(Rule.TIMESTAMPS_NOT_NEGOTIATED, options.ts().value().position(),
                        Text.of(synAck ? "engine.option.tsNotOfferedBySyn" : "engine.option.tsNotOffered", from.id),
                        Text.of("engine.option.tsNotOffered.why"));
            } else {
                tsVal = inOrder(from, options.ts().value(), clock(options.ts().value()));
                tsEcr = echo(from, ack, options.ts());
            }
        } else if (!syn && !rst && from.timestamps()) {
            findings.error(Rule.TIMESTAMPS_MISSING, send.position(), Text.of("engine.option.tsMissing", from.id),
                    from.tsRecent == null ? Text.of("engine.option.tsMissing.why")
                            : Text.of("engine.option.tsMissing.echo", numbers.render(from.tsRecent)));
        }
        if (syn && from.ownSyn == Tcb.SynOptions.NONE) {
            from.ownSyn = new Tcb.SynOptions(mss, wscale, sackOk, tsVal != null);
        }
        if (length > 0 && from.peerSyn.mss() != null && length > from.peerSyn.mss()) {
            findings.error(Rule.MSS_EXCEEDED, send.position(), Text.of("engine.option.mssExceeded", from.id, length),
                    Text.of("engine.option.mssExceeded.why", send.to().id(), from.peerSyn.mss()));
        }
        return new WireOptions(mss, wscale, sackOk, sack, tsVal, tsEcr);
    }

    /**
     * The options of an old segment, which the current connection did not send: their numbers are read as
     * written, and only the receiver judges them.
     */
    WireOptions asWritten(Event.Send send) {
        Options written = send.segment().options();
        List<WireOptions.Range> sack = new ArrayList<>();
        for (Options.SackBlock block : written.sack()) {
            Value left = bound(block.left());
            Value right = bound(block.right());
            if (left != null && right != null) {
                sack.add(new WireOptions.Range(left, right));
            }
        }
        Long mss = written.mss() == null ? null : written.mss().expr().offset();
        Integer wscale = written.wscale() == null ? null : (int) Math.min(MAX_SHIFT, written.wscale().expr().offset());
        Value tsVal = written.ts() == null ? null : bound(written.ts().value());
        Value tsEcr = written.ts() == null ? null : bound(written.ts().echo());
        return new WireOptions(mss, wscale, written.sackOk() != null, sack, tsVal, tsEcr);
    }

    /** A number, or a symbol with a value; null for a symbol the story has not given one. */
    private Value bound(Operand written) {
        if (written.expr().isNumber()) {
            return Value.of(written.expr().offset());
        }
        Value symbol = numbers.symbol(written.expr().symbol());
        return symbol == null ? null : symbol.plus(written.expr().offset());
    }

    private void misplaced(SourcePosition at, String option, String whereKey) {
        findings.error(Rule.OPTION_PLACE, at, Text.of("engine.option.misplaced", option, Text.of(whereKey)));
    }

    private Long mss(Operand written) {
        if (written == null) {
            return null;
        }
        long mss = written.expr().offset();
        if (mss == 0 || mss > MAX_MSS) {
            findings.error(Rule.OPTION_VALUE, written.position(), Text.of("engine.option.badMss", mss),
                    Text.of("engine.option.badMss.why", (long) MAX_MSS));
            return null;
        }
        return mss;
    }

    private Integer shift(Operand written) {
        if (written == null) {
            return null;
        }
        long shift = written.expr().offset();
        if (shift > MAX_SHIFT) {
            findings.warning(Rule.OPTION_VALUE, written.position(), Text.of("engine.option.bigShift", shift, (long) MAX_SHIFT),
                    Text.of("engine.option.bigShift.why"));
            return MAX_SHIFT;
        }
        return (int) shift;
    }

    /**
     * SACK blocks: only once both SYNs carried sackOK, on a segment with ACK; each names octets the sender
     * holds above its RCV.NXT, but a first block below RCV.NXT (D-SACK) names octets that arrived twice.
     */
    private List<WireOptions.Range> sack(Event.Send send, Tcb from, boolean ack, Options options) {
        if (options.sack().isEmpty()) {
            if (ack && from.sackPermitted() && !from.outOfOrder.isEmpty() && !heldRanges(from).isEmpty()) {
                findings.warning(Rule.SACK_BLOCK, send.position(), Text.of("engine.sack.owed", from.id),
                        Text.of("engine.sack.owed.why", from.id, held(from)));
            }
            return List.of();
        }
        SourcePosition at = options.sack().get(0).left().position();
        if (!ack || !from.sackPermitted()) {
            findings.error(Rule.SACK_NOT_PERMITTED, at, Text.of("engine.sack.notNegotiated", from.id),
                    !ack ? Text.of("engine.sack.notNegotiated.noAck")
                            : from.ownSyn.sackOk() ? Text.of("engine.sack.notNegotiated.otherSyn")
                            : Text.of("engine.sack.notNegotiated.ownSyn", from.id));
            return List.of();
        }
        List<WireOptions.Range> blocks = new ArrayList<>();
        for (int i = 0; i < options.sack().size(); i++) {
            Options.SackBlock block = options.sack().get(i);
            Value left = value(block.left());
            Value right = value(block.right());
            if (left == null || right == null) {
                continue;
            }
            Text problem = blockProblem(from, i == 0, left, right);
            if (problem != null) {
                String held = held(from);
                findings.error(Rule.SACK_BLOCK, block.left().position(), Text.of("engine.sack.badBlock", block.toString(), problem),
                        held.isEmpty() ? Text.of("engine.sack.received", from.id, numbers.render(from.rcvNxt))
                                : Text.of("engine.sack.received.held", from.id, numbers.render(from.rcvNxt), held));
                continue;
            }
            blocks.add(new WireOptions.Range(left, right));
        }
        WireOptions.Range last = from.lastHeld;
        if (!blocks.isEmpty() && last != null && !(numbers.notAfter(blocks.get(0).left(), last.left())
                && numbers.notAfter(last.right(), blocks.get(0).right()))) {
            findings.warning(Rule.SACK_BLOCK, at, Text.of("engine.sack.firstNotLast"),
                    Text.of("engine.sack.firstNotLast.why", numbers.render(last.left()) + ":" + numbers.render(last.right())));
        }
        return blocks;
    }

    /** Why a block may not be sent, or null when it may. */
    private Text blockProblem(Tcb from, boolean first, Value left, Value right) {
        if (!numbers.before(left, right)) {
            return Text.of("engine.sack.edges");
        }
        if (from.rcvNxt != null && numbers.notAfter(right, from.rcvNxt)) {
            if (!first) {
                return Text.of("engine.sack.dsackFirst");
            }
            boolean twice = from.duplicates.stream().anyMatch(d -> numbers.notAfter(d.left(), left)
                    && numbers.notAfter(right, d.right()));
            return twice ? null : Text.of("engine.sack.notTwice");
        }
        for (WireOptions.Range range : heldRanges(from)) {
            if (numbers.notAfter(range.left(), left) && numbers.notAfter(right, range.right())) {
                return null;
            }
        }
        return Text.of("engine.sack.notReceived");
    }

    /**
     * The sequence numbers a peer holds above RCV.NXT, merged into contiguous ranges. A held FIN counts: it
     * takes a number like an octet (RFC 9293 §3.4), and SACK edges are sequence numbers (RFC 2018 §3), so a
     * block may end just past it, as Linux's do.
     */
    List<WireOptions.Range> heldRanges(Tcb tcb) {
        List<WireOptions.Range> ranges = new ArrayList<>();
        for (WireSegment held : tcb.outOfOrder) {
            long numbers = held.length() + (held.has(Flag.FIN) ? 1 : 0);
            if (numbers > 0) {
                ranges.add(new WireOptions.Range(held.seq(), held.seq().plus(numbers)));
            }
        }
        ranges.sort((a, b) -> numbers.before(a.left(), b.left()) ? -1 : numbers.same(a.left(), b.left()) ? 0 : 1);
        List<WireOptions.Range> merged = new ArrayList<>();
        for (WireOptions.Range r : ranges) {
            WireOptions.Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && numbers.notAfter(r.left(), last.right())) {
                merged.set(merged.size() - 1, new WireOptions.Range(last.left(),
                        numbers.before(last.right(), r.right()) ? r.right() : last.right()));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    /** {@code x+5:x+9, x+13:x+20}: the ranges a peer holds above RCV.NXT, or empty when it holds none. */
    private String held(Tcb tcb) {
        return String.join(", ", heldRanges(tcb).stream()
                .map(r -> numbers.render(r.left()) + ":" + numbers.render(r.right())).toList());
    }

    /** A TSval: a number, or a symbol of the sender's clock (an unbound one starts a clock anywhere). */
    private Value clock(Operand written) {
        if (written.expr().isNumber()) {
            return Value.of(written.expr().offset());
        }
        Value bound = numbers.symbol(written.expr().symbol());
        if (bound != null) {
            return bound.plus(written.expr().offset());
        }
        Value start = numbers.fresh();
        numbers.bind(written.expr().symbol(), start.plus(-written.expr().offset()));
        return start;
    }

    /** TSecr echoes TS.Recent on a segment with ACK; an unbound symbol names it. */
    private Value echo(Tcb from, boolean ack, Options.Timestamps ts) {
        Operand written = ts.echo();
        if (!ack || from.tsRecent == null) {
            return written.expr().isNumber() ? Value.of(written.expr().offset()) : null;
        }
        Value value;
        if (written.expr().isNumber()) {
            value = Value.of(written.expr().offset());
            numbers.unify(value, from.tsRecent);
        } else {
            Value bound = numbers.symbol(written.expr().symbol());
            if (bound == null) {
                numbers.bind(written.expr().symbol(), from.tsRecent.plus(-written.expr().offset()));
                return from.tsRecent;
            }
            value = bound.plus(written.expr().offset());
        }
        if (!numbers.same(value, from.tsRecent)) {
            findings.error(Rule.TIMESTAMP_ECHO, written.position(), Text.of("engine.option.wrongTsecr", ts.toString()),
                    Text.of("engine.option.wrongTsecr.why", numbers.render(from.tsRecent), from.id));
        }
        return from.tsRecent;
    }

    /**
     * A peer's TSval never goes back; one that does is reported and taken as the last one sent, so that
     * the receiver does not drop the segment by PAWS for the sender's one mistake.
     */
    private Value inOrder(Tcb from, Operand written, Value tsVal) {
        Integer step = from.tsLastSent == null ? null : numbers.distance(tsVal, from.tsLastSent);
        if (step != null && step < 0) {
            findings.error(Rule.TIMESTAMP_ORDER, written.position(), Text.of("engine.option.tsvalBack", written.expr().toString()),
                    Text.of("engine.option.tsvalBack.why", from.id, numbers.render(from.tsLastSent)));
            return from.tsLastSent;
        }
        from.tsLastSent = tsVal;
        return tsVal;
    }

    private Value value(Operand written) {
        Value bound = bound(written);
        if (bound == null) {
            findings.error(Rule.UNBOUND_SYMBOL, written.position(), Text.of("engine.send.unboundSymbol", written.expr().symbol()),
                    Text.of("engine.sack.unboundSymbol.why"));
            return null;
        }
        return bound;
    }

    // ---- receiving

    /** What the other side's SYN offered; its TSval starts TS.Recent. */
    static void learnSyn(Tcb me, WireSegment seg) {
        WireOptions o = seg.options();
        me.peerSyn = new Tcb.SynOptions(o.mss(), o.wscale(), o.sackOk(), o.hasTimestamps());
        if (o.hasTimestamps()) {
            me.tsRecent = o.tsVal();
        }
    }

    /** PAWS (RFC 7323 §5.3): whether the segment's TSval is older than TS.Recent, so it is dropped. */
    boolean failsPaws(Tcb me, WireSegment seg) {
        return me.timestamps() && !seg.has(Flag.RST) && seg.options().hasTimestamps() && me.tsRecent != null
                && numbers.before(seg.options().tsVal(), me.tsRecent);
    }

    /**
     * TS.Recent follows an acceptable segment whose TSval is not older and which starts at or before what
     * this peer last acknowledged (RFC 7323 §4.3), so an ACK that covers several segments echoes the first.
     */
    void updateTsRecent(Tcb me, WireSegment seg) {
        if (!seg.options().hasTimestamps()) {
            return;
        }
        boolean notOlder = me.tsRecent == null || numbers.notAfter(me.tsRecent, seg.options().tsVal());
        boolean covered = me.lastAckSent == null || numbers.notAfter(seg.seq(), me.lastAckSent);
        if (notOlder && covered) {
            me.tsRecent = seg.options().tsVal();
        }
    }

    /**
     * SACK blocks reach the data sender: its scoreboard keeps what is reported held, and what lies below the
     * highest SACKed octet without being SACKed may be resent (RFC 6675, as the contract reads it).
     */
    void learnSack(Tcb me, WireSegment seg) {
        if (seg.options().sack().isEmpty() || me.sndUna == null) {
            return;
        }
        Value highest = null;
        for (WireOptions.Range block : seg.options().sack()) {
            if (numbers.before(me.sndUna, block.right())) {
                me.sacked.add(block);
                if (highest == null || numbers.before(highest, block.right())) {
                    highest = block.right();
                }
            }
        }
        if (highest == null) {
            return;
        }
        for (int i = 0; i < me.unacknowledged.size(); i++) {
            Tcb.Sent sent = me.unacknowledged.get(i);
            if (numbers.before(sent.seq(), highest) && !sackedWhole(me, sent)) {
                me.unacknowledged.set(i, sent.withLossSeen());
            }
        }
    }

    /**
     * RACK (RFC 8985 §6.2): once a segment is delivered, cumulatively acknowledged or SACKed, every segment
     * sent before it and not delivered counts as lost, whatever its sequence numbers. A story has no clock,
     * so the reordering window is zero, as RACK's may be; this is a sign that makes a resend timely, and
     * calls for none. RACK needs SACK to know what was delivered: without it, NewReno's partial ACK is the sign.
     */
    void detectLossByOrder(Tcb me) {
        if (!me.sackPermitted()) {
            return;
        }
        long latest = me.latestDelivered;
        if (!me.sacked.isEmpty()) {
            for (Tcb.Sent sent : me.unacknowledged) {
                if (sent.order() > latest && sackedWhole(me, sent)) {
                    latest = sent.order();
                }
            }
            me.latestDelivered = latest;
        }
        if (latest <= me.lossMarkedBelow) {
            return; // a segment sent again since is later than it, and a new one later still: nothing to mark
        }
        me.lossMarkedBelow = latest;
        for (int i = 0; i < me.unacknowledged.size(); i++) {
            Tcb.Sent sent = me.unacknowledged.get(i);
            if (sent.order() < latest && !sent.lossSeen() && (me.sacked.isEmpty() || !sackedWhole(me, sent))) {
                me.unacknowledged.set(i, sent.withLossSeen());
            }
        }
    }

    private boolean sackedWhole(Tcb me, Tcb.Sent sent) {
        Value end = sent.end();
        for (WireOptions.Range r : me.sacked) {
            if (numbers.notAfter(r.left(), sent.seq()) && numbers.notAfter(end, r.right())) {
                return true;
            }
        }
        return false;
    }
}
