package dev.cutover.engine.consumers;

/**
 * An offset could not be translated exactly, or the translation did not verify: the record at the
 * translated target offset is not the record the group would read next on the source. The message
 * names the partition, both offsets and what differed.
 */
public final class TranslationException extends Exception {

    public TranslationException(String message) {
        super(message);
    }
}
