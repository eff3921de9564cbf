package io.meshplate.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version the build wrote into the jar manifest; no build time, for reproducibility. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"meshplate " + (version == null ? "(development build)" : version)};
  }
}
