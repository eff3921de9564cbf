package io.meshplate.descriptor;

import io.meshplate.IoFailure;
import io.meshplate.OutputException;
import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.yaml.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A new, commented tenant descriptor ({@code meshplate new}) that validates as written. The
 * tenant name goes through the same name rules as {@code validate}; the pipeline then checks the
 * skeleton itself (descriptor rules and guardrails in every overlay) before it is written; an
 * existing file is never overwritten.
 */
public final class DescriptorScaffold {
  private static final String SKELETON = "/descriptor/skeleton.yaml";
  private static final Pattern OWNER =
      Pattern.compile("@[A-Za-z0-9][A-Za-z0-9-]{0,38}(/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?");

  private DescriptorScaffold() {}

  /**
   * The skeleton for tenant {@code name}, after the name rules of {@code validate}.
   *
   * @param owner a GitHub team {@code @org/team} or user, or null to leave owners commented out
   * @throws UsageException (exit 2) when the name or owner is invalid
   */
  public static String text(Workspace workspace, String name, String owner) {
    String shown = "tenants/" + Messages.escape(name) + DescriptorLoader.EXTENSION;
    List<Finding> findings = new ArrayList<>();
    new SemanticChecks(new ReferenceIndex(), PlatformConfig.read(workspace, ContentMemo.NONE)).tenantName(name, "", findings);
    List<Problem> problems = new ArrayList<>();
    findings.forEach(f -> problems.add(new Problem(shown, 0, 0, f.rule(), f.message(), f.hint())));
    if (owner != null && !OWNER.matcher(owner).matches()) {
      problems.add(new Problem(shown, 0, 0, "OWNER-FORMAT",
          "owner " + Hints.quote(owner) + " is not a GitHub team or user", "write it as @org/team or @user"));
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    String ownersLine = owner == null
        ? "# owners: [\"@org/team\"]     # who reviews changes (CODEOWNERS); please set"
        : "owners: [\"" + owner + "\"]";
    return skeleton().replace("{{owners}}", ownersLine).replace("{{name}}", name);
  }

  /**
   * The skeleton with its commented ingress example switched on. It is checked too, so that
   * following the skeleton's own suggestion cannot fail (a tenant {@code 1team} validates, but
   * its ingress gateway Service {@code 1team-dev-ingress} would not).
   */
  public static String withIngressExample(String text) {
    String example = text.replace("  # ingress:\n  #   hosts:\n  #     - ", "  ingress:\n    hosts:\n      - ");
    if (example.equals(text)) {
      throw new IllegalStateException("the skeleton's ingress example is missing: " + SKELETON);
    }
    return example;
  }

  /**
   * Writes {@code text} to {@code tenants/<name>.yaml}; never overwrites.
   *
   * @return the file written
   * @throws OutputException (exit 6) when the file exists or cannot be written
   */
  public static Path write(Workspace workspace, String name, String text) {
    Path file = workspace.tenants().resolve(name + DescriptorLoader.EXTENSION);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new OutputException(List.of(new Problem(workspace.display(file), 0, 0, "NEW-EXISTS",
          "the file already exists; meshplate new never overwrites", "edit the file, or delete it first")));
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.OUTPUT_WRITE, workspace.display(file), "cannot write", e);
    }
    return file;
  }

  private static String skeleton() {
    try (InputStream in = DescriptorScaffold.class.getResourceAsStream(SKELETON)) {
      if (in == null) {
        throw new IllegalStateException("resource missing: " + SKELETON);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
