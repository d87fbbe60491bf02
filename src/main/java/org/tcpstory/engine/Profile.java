package org.tcpstory.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A set of answers to the questions where RFC 9293 and real stacks differ, named after whom it follows:
 * the RFC itself (the default), or what Linux and FreeBSD do by default, as their own packetdrill suites
 * show. A chapter picks one with {@code profile:}, a book with {@code profile:} in {@code _index.md}, a
 * command with {@code --profile}.
 */
public enum Profile {
    RFC9293("rfc9293", new RuleChoices(
            RuleChoices.SynAckInListen.ANSWERED_WITH_RST,
            RuleChoices.TextOnSynInListen.QUEUED,
            RuleChoices.TextOnSynInSynSent.TAKEN,
            RuleChoices.RstWithBadAckInSynReceived.RESETS,
            RuleChoices.RstInTimeWait.CLOSES,
            RuleChoices.RstInWindowInTimeWait.CHALLENGED,
            RuleChoices.SynInTimeWait.CHALLENGED,
            RuleChoices.SynAgainInSynReceived.ACK_OR_SYN_ACK,
            RuleChoices.AckWhileFinUnacknowledged.BARE,
            RuleChoices.DataBeyondWindow.TRIMMED,
            RuleChoices.FinIntoZeroWindow.NOT_ACCEPTABLE,
            RuleChoices.InitialWindow.RFC_5681)),
    LINUX("linux", new RuleChoices(
            RuleChoices.SynAckInListen.ANSWERED_WITH_RST,
            RuleChoices.TextOnSynInListen.DROPPED,
            RuleChoices.TextOnSynInSynSent.DROPPED,
            RuleChoices.RstWithBadAckInSynReceived.IGNORED,
            RuleChoices.RstInTimeWait.CLOSES,
            RuleChoices.RstInWindowInTimeWait.DROPPED,
            RuleChoices.SynInTimeWait.REOPENS,
            RuleChoices.SynAgainInSynReceived.SYN_ACK,
            RuleChoices.AckWhileFinUnacknowledged.BARE,
            RuleChoices.DataBeyondWindow.DROPPED,
            RuleChoices.FinIntoZeroWindow.ACCEPTED,
            RuleChoices.InitialWindow.TEN_SEGMENTS)),
    FREEBSD("freebsd", new RuleChoices(
            RuleChoices.SynAckInListen.DROPPED,
            RuleChoices.TextOnSynInListen.DROPPED,
            RuleChoices.TextOnSynInSynSent.TAKEN,
            RuleChoices.RstWithBadAckInSynReceived.RESETS,
            RuleChoices.RstInTimeWait.IGNORED,
            RuleChoices.RstInWindowInTimeWait.DROPPED,
            RuleChoices.SynInTimeWait.REOPENS,
            RuleChoices.SynAgainInSynReceived.SYN_ACK,
            RuleChoices.AckWhileFinUnacknowledged.REPEATS_FIN,
            RuleChoices.DataBeyondWindow.TRIMMED,
            RuleChoices.FinIntoZeroWindow.ACCEPTED,
            RuleChoices.InitialWindow.TEN_SEGMENTS));

    private final String id;
    private final RuleChoices choices;

    Profile(String id, RuleChoices choices) {
        this.id = id;
        this.choices = choices;
    }

    /** The name authors write: {@code rfc9293}, {@code linux}, {@code freebsd}. */
    public String id() {
        return id;
    }

    public RuleChoices choices() {
        return choices;
    }

    /** A profile by the name an author wrote, in any case. */
    public static Optional<Profile> parse(String written) {
        String key = written.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(key)).findFirst();
    }

    /** {@code rfc9293, linux, freebsd}. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Profile::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
