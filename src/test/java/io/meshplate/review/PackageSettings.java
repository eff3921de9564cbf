package io.meshplate.review;

/** ApprovalTests configuration: approved files live under src/test/resources, mirroring the package. */
public class PackageSettings {
  public static String ApprovalBaseDirectory = "../resources";
}
