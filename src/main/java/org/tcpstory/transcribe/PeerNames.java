package org.tcpstory.transcribe;

import java.util.regex.Pattern;

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

    /**
     * Reads {@code ID[=LABEL],ID[=LABEL]}: the client, then the server.
     *
     * @throws IllegalArgumentException with a message for people, when it is not that
     */
    public static PeerNames parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected two peers, ID=LABEL,ID=LABEL (the client first), not '" + text + "'");
        }
        String[] client = parts[0].split("=", 2);
        String[] server = parts[1].split("=", 2);
        for (String[] peer : new String[][] {client, server}) {
            String id = peer[0].strip();
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("'" + id + "' is not a peer id: a letter, then letters, digits or _");
            }
            if (peer.length == 2 && peer[1].isBlank()) {
                throw new IllegalArgumentException("the label of " + id + " is empty: leave out '=' to use its address");
            }
        }
        return new PeerNames(client[0].strip(), client.length == 2 ? client[1].strip() : null,
                server[0].strip(), server.length == 2 ? server[1].strip() : null);
    }
}
