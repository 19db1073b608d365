/**
 * Files: the versioned model format ({@link org.recoder.io.ModelFile}, {@link org.recoder.api.ModelIO}),
 * atomic writes and the shared JSON mapper. Never Java serialization.
 */
package org.recoder.io;
