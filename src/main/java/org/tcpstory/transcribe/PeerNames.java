package org.tcpstory.transcribe;

import java.util.regex.Pattern;
import org.tcpstory.diagnostic.Messages;
import org.tcpstory.diagnostic.Text;

/**
 * What the two peers are called in the chapter: the ids events use and the labels diagrams show. The client
 * comes first. A null label means the peer's address.
 */
public record PeerNames(String clientId, String clientLabel, String serverId, String serverLabel) {

    /** The story format's peer ids. */
    public static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public static final PeerNames DEFAULT = new PeerNames("client", null, "server", null);

    public PeerNames {
        if (!ID.matcher(clientId).matches() || !ID.matcher(serverId).matches()) {
            throw new IllegalArgumentException("peer ids are a letter, then letters, digits or _: " + clientId + ", " + serverId);
        }
        if (clientId.equals(serverId)) {
            throw new IllegalArgumentException("the two peers need different ids, not " + clientId + " twice");
        }
    }

    /** Names that cannot be read, with the words to say why in the reader's language; the message is English. */
    public static final class Invalid extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final transient Text text;

        Invalid(Text text) {
            super(Messages.english().render(text));
            this.text = text;
        }

        public Text text() {
            return text;
        }
    }

    /**
     * Reads {@code ID[=LABEL],ID[=LABEL]}: the client, then the server.
     *
     * @throws Invalid when it is not that
     */
    public static PeerNames parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new Invalid(Text.of("import.peers.count", text));
        }
        String[] client = parts[0].split("=", 2);
        String[] server = parts[1].split("=", 2);
        for (String[] peer : new String[][] {client, server}) {
            String id = peer[0].strip();
            if (!ID.matcher(id).matches()) {
                throw new Invalid(Text.of("import.peers.notAnId", id));
            }
            if (peer.length == 2 && peer[1].isBlank()) {
                throw new Invalid(Text.of("import.peers.emptyLabel", id));
            }
        }
        if (client[0].strip().equals(server[0].strip())) {
            throw new Invalid(Text.of("import.peers.sameIds", client[0].strip()));
        }
        return new PeerNames(client[0].strip(), client.length == 2 ? client[1].strip() : null,
                server[0].strip(), server.length == 2 ? server[1].strip() : null);
    }
}
