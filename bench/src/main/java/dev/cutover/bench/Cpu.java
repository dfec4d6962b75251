package dev.cutover.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this process (brokers included: they share the JVM, equally for every phase). */
final class Cpu {

    private Cpu() {
    }

    static double seconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
