package org.tcpstory.story;

import org.tcpstory.diagnostic.SourcePosition;

/**
 * A front-matter value whose meaning a later stage decides (a profile's name, say), with its place, so
 * that stage can point at it.
 */
public record Setting(String value, SourcePosition position) {
}
