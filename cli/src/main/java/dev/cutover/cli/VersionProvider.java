package dev.cutover.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest (or "dev" when run from classes). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CutoverMain.class.getPackage().getImplementationVersion();
        return new String[] {"cutover " + (version == null ? "dev" : version)};
    }
}
