package io.meshplate.rollout;

/** ApprovalTests: approved files live in src/test/resources/io/meshplate/rollout/approvals/. */
public class PackageSettings {
  public static String UseApprovalSubdirectory = "approvals";
  public static String ApprovalBaseDirectory = "../resources";
}
