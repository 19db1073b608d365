package org.recoder.data.fetch;

import java.net.URI;
import java.util.Locale;

/**
 * A downloadable dataset archive.
 *
 * @param name    registry name ({@code ml-20m})
 * @param uri     where to download it
 * @param sha256  expected SHA-256 (hex), or null when unpinned
 * @param md5     expected MD5 (hex) as the publisher lists it, or null; with neither checksum the download is
 *                unverified and the fetcher says so
 * @param format  reader format of its main file ({@code ml-20m}), or null
 * @param mainFile path of the main data file inside the archive
 */
public record DatasetSource(String name, URI uri, String sha256, String md5, String format, String mainFile) {
    public DatasetSource {
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        md5 = md5 == null ? null : md5.toLowerCase(Locale.ROOT);
    }

    /** Whether any checksum is pinned. */
    public boolean pinned() {
        return sha256 != null || md5 != null;
    }

    /** The archive's file name. */
    public String fileName() {
        String p = uri.getPath();
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
