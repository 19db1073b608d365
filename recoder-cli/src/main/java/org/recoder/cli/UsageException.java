package org.recoder.cli;

/**
 * A command line that cannot run as given: an option that does not apply, a value out of range, an unknown model
 * or hyperparameter. Reported like picocli's own usage errors: one line, one hint, exit code 2.
 */
final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
        super(message);
    }
}
