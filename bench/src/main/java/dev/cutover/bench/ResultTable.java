package dev.cutover.bench;

import java.util.List;

/** The benchmark's table: every run, then the medians and the mirror/raw ratio. */
final class ResultTable {

    private ResultTable() {
    }

    static String render(List<CopyResult> results, long records, int cores, long maxHeap) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("cutover bench: %,d records x 1 KiB, %d partitions, Kafka %s, %d cores, heap %d MiB%n%n",
                records, LoadGenerator.PARTITIONS, org.apache.kafka.common.utils.AppInfoParser.getVersion(), cores,
                maxHeap / 1024 / 1024));
        b.append(String.format("%-5s  %-9s  %10s  %8s  %12s  %14s  %8s  %s%n", "ROUND", "COPY", "MS", "MIB/S", "RECORDS/S",
                "FIRST RECORD", "CPU S", "CORRECT"));
        for (CopyResult r : results) {
            b.append(String.format("%-5d  %-9s  %,10d  %8.1f  %,12.0f  %,11d ms  %8.1f  %s%n", r.round(), r.kind(), r.millis(),
                    r.mibPerSecond(), r.recordsPerSecond(), r.firstRecordMillis(), r.cpuSeconds(),
                    r.correct() ? "yes" : "NO"));
        }
        double raw = BenchMain.median(results.stream().filter(r -> r.kind().equals("raw copy")).map(CopyResult::mibPerSecond).toList());
        double mirror = BenchMain.median(results.stream().filter(r -> r.kind().equals("mirror")).map(CopyResult::mibPerSecond).toList());
        double first = BenchMain.median(results.stream().filter(r -> r.kind().equals("mirror"))
                .map(r -> (double) r.firstRecordMillis()).toList());
        double rawCpu = BenchMain.median(results.stream().filter(r -> r.kind().equals("raw copy")).map(CopyResult::cpuSeconds).toList());
        double mirrorCpu = BenchMain.median(results.stream().filter(r -> r.kind().equals("mirror")).map(CopyResult::cpuSeconds).toList());
        b.append(String.format("%nmedian raw copy %.1f MiB/s, mirror %.1f MiB/s: ratio %.2f (target >= 0.80)%n", raw, mirror, mirror / raw));
        b.append(String.format("mirror start to first record on the target: %.0f ms (target <= 5000)%n", first));
        b.append(String.format("CPU per million records (process, brokers included): raw %.1f s, mirror %.1f s%n",
                rawCpu * 1_000_000 / records, mirrorCpu * 1_000_000 / records));
        List<CopyResult> connect = results.stream().filter(r -> r.kind().equals("connect")).toList();
        if (!connect.isEmpty()) {
            double onConnect = BenchMain.median(connect.stream().map(CopyResult::mibPerSecond).toList());
            double connectFirst = BenchMain.median(connect.stream().map(r -> (double) r.firstRecordMillis()).toList());
            double connectCpu = BenchMain.median(connect.stream().map(CopyResult::cpuSeconds).toList());
            b.append(String.format("%nconnect (%s): median %.1f MiB/s, %.2f of the raw copy, %.2f of the embedded engine "
                    + "(target >= 0.80)%n", connect.get(0).note(), onConnect, onConnect / raw, onConnect / mirror));
            b.append(String.format("connect: connector created to first record committed on the target: %.0f ms%n", connectFirst));
            b.append(String.format("connect: CPU per million records (this process, brokers and the workers): %.1f s%n",
                    connectCpu * 1_000_000 / records));
        }
        return b.toString();
    }
}
