package org.tcpstory.diagram;

/**
 * The words on one slide besides its diagram, as plain text (escaped where they are written).
 *
 * @param heading the chapter's title
 * @param counter "Step 3 of 15", or empty
 * @param caption the moment in the story's words; lines may be separated by {@code \n}
 */
public record SlideText(String heading, String counter, String caption) {
}
