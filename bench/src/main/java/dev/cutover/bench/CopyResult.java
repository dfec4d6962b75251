package dev.cutover.bench;

/** One timed copy of the whole source topic to the target. */
record CopyResult(String kind, int round, long records, long bytes, long millis, long firstRecordMillis, double cpuSeconds,
                  boolean correct, String note) {

    double mibPerSecond() {
        return bytes / 1024.0 / 1024.0 / (millis / 1000.0);
    }

    double recordsPerSecond() {
        return records / (millis / 1000.0);
    }
}
