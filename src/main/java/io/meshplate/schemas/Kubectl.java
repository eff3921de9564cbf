package io.meshplate.schemas;

import io.meshplate.OutputException;
import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code kubectl} against the cluster a kubeconfig and context name: kubectl does
 * the authentication (tokens, certificates, exec plugins, proxies) exactly as for the user, and
 * meshplate only reads what the API serves with {@code kubectl get --raw}.
 */
final class Kubectl {
  static final String MISSING = "SCHEMAS-KUBECTL-MISSING";
  static final String FAILED = "SCHEMAS-KUBECTL-FAILED";
  private static final long TIMEOUT_SECONDS = 120;

  private final List<String> command = new ArrayList<>();

  /**
   * @param kubeconfig a kubeconfig file, or null for kubectl's own default
   * @param context a context of it, or null for its current context
   */
  Kubectl(Path kubeconfig, String context) {
    command.add("kubectl");
    if (kubeconfig != null) {
      command.add("--kubeconfig=" + kubeconfig);
    }
    if (context != null) {
      command.add("--context=" + context);
    }
    command.add("--request-timeout=60s");
  }

  /** The body of {@code GET path} on the API server. */
  byte[] raw(String path) {
    return run("get", "--raw", path);
  }

  /** The context kubectl uses: the one given, else the kubeconfig's current context. */
  String context(String given) {
    return given != null ? given : new String(run("config", "current-context"), StandardCharsets.UTF_8).strip();
  }

  private byte[] run(String... args) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(args));
    Path errors = null;
    try {
      errors = Files.createTempFile("meshplate-kubectl", ".err");
      Process process = new ProcessBuilder(all).redirectError(errors.toFile()).start();
      process.getOutputStream().close();
      byte[] out;
      try (InputStream in = process.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw failed(args, "no answer within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        String message = Files.readString(errors, StandardCharsets.UTF_8).strip();
        throw failed(args, message.isEmpty() ? "exit " + process.exitValue() : message.lines().findFirst().orElse(""));
      }
      return out;
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("Cannot run program")) {
        throw new OutputException(List.of(new Problem("kubectl", 0, 0, MISSING,
            "kubectl is not on the PATH; schemas pull reads the cluster through it",
            "install kubectl (or the OpenShift oc client's kubectl) and log in to the cluster")));
      }
      throw new OutputException("cannot run kubectl: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutputException("interrupted while waiting for kubectl", e);
    } finally {
      if (errors != null) {
        try {
          Files.deleteIfExists(errors);
        } catch (IOException ignored) {
          // a temporary file; the kubectl result is what matters
        }
      }
    }
  }

  private OutputException failed(String[] args, String message) {
    return new OutputException(List.of(new Problem("kubectl", 0, 0, FAILED,
        "kubectl " + String.join(" ", args) + " failed: " + Messages.escape(message),
        "check --kubeconfig and --context, that you are logged in, and that you may read"
            + " customresourcedefinitions and /openapi/v3 (kubectl auth can-i get customresourcedefinitions)")));
  }
}
