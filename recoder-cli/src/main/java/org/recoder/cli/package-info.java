/** The {@code recoder} command-line tool (picocli): quickstart, data, split, train, evaluate, recommend, bench. */
package org.recoder.cli;
