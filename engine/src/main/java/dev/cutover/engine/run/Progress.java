package dev.cutover.engine.run;

/**
 * Where gates report progress during long waits. The CLI turns it into a progress line on a
 * terminal's stderr; tests and JSON mode may discard it. Never goes to stdout.
 */
public interface Progress {

    /** A one-line update that replaces the previous one (e.g. "in-sync: lag 1,204 records on 3 partitions"). */
    void update(String line);

    /** A line worth keeping (e.g. "topics: created sfdc.cdc.account"). */
    void note(String line);

    Progress SILENT = new Progress() {
        @Override
        public void update(String line) {
        }

        @Override
        public void note(String line) {
        }
    };
}
