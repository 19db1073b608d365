/** The dataset registry (canonical URLs, checksums) and a resuming, verifying downloader. */
package org.recoder.data.fetch;
