/**
 * Streaming readers for MovieLens, Netflix, MSD, Last.fm, CiteULike, session logs and plain delimited files.
 * They parse bytes in place, allocate no String per field, and report bad input with file and line.
 */
package org.recoder.data.read;
