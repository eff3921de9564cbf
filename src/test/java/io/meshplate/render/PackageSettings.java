package io.meshplate.render;

/** ApprovalTests: approved files live in src/test/resources/io/meshplate/render/approvals/. */
public class PackageSettings {
  public static String UseApprovalSubdirectory = "approvals";
  public static String ApprovalBaseDirectory = "../resources";
}
