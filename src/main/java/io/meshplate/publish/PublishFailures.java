package io.meshplate.publish;

import io.meshplate.MeshplateException;
import io.meshplate.OutputException;
import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.yaml.Messages;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Every way a publish can fail, as a positioned problem with a rule id and the fix. Git library
 * messages are never passed through raw: they are classified, and whatever text of theirs is
 * kept goes through {@link #redact} first, so a token in the repository URL never shows.
 *
 * <p>Naming something that does not exist ({@code --repo}, {@code --branch}) is a usage error
 * (exit 2); a target that refuses or cannot be reached, and a target whose state needs a person
 * (dirty, diverged, edited by hand), are exit 6.
 */
final class PublishFailures {
  static final String NO_OUTPUT = "PUBLISH-NO-OUTPUT";
  static final String REPO_NOT_FOUND = "PUBLISH-REPO-NOT-FOUND";
  static final String UNSUPPORTED_URL = "PUBLISH-UNSUPPORTED-URL";
  static final String BRANCH_MISSING = "PUBLISH-BRANCH-MISSING";
  static final String WRONG_BRANCH = "PUBLISH-WRONG-BRANCH";
  static final String AUTH = "PUBLISH-AUTH";
  static final String UNREACHABLE = "PUBLISH-UNREACHABLE";
  static final String REJECTED = "PUBLISH-REJECTED";
  static final String DIRTY_TARGET = "PUBLISH-DIRTY-TARGET";
  static final String DIVERGED = "PUBLISH-DIVERGED";
  static final String HAND_EDITED = "PUBLISH-HAND-EDITED";
  static final String GIT = "PUBLISH-GIT";

  private PublishFailures() {}

  static UsageException noOutput(String output) {
    return usage("output/", NO_OUTPUT, "nothing to publish: " + Messages.escape(output) + " does not exist",
        "run ./meshplate render first");
  }

  static UsageException unsupportedUrl(String repo) {
    return usage("--repo", UNSUPPORTED_URL, "cannot publish over SSH (" + redact(repo) + ")",
        "use an https:// URL with a token, e.g. https://x-access-token:<token>@github.com/ORG/REPO.git, or a local path");
  }

  static UsageException branchMissing(String repo, String branch, Collection<String> branches) {
    return usage("--branch", BRANCH_MISSING, "branch '" + Messages.escape(branch) + "' does not exist in "
            + redact(repo) + " (branches: " + Messages.escape(String.join(", ", branches)) + ")",
        "check --branch; a new branch is created only in an empty repository, so create it there first"
            + " (e.g. git push origin main:" + Messages.escape(branch) + ")");
  }

  static UsageException wrongBranch(String workTree, String current, String branch) {
    return usage("--branch", WRONG_BRANCH, "target work tree " + Messages.escape(workTree) + " has branch '"
            + Messages.escape(current) + "' checked out, not '" + Messages.escape(branch) + "'",
        "check out " + Messages.escape(branch) + " there, or publish with --branch " + Messages.escape(current));
  }

  static OutputException dirtyTarget(String workTree) {
    return output("--repo", DIRTY_TARGET, "target work tree " + Messages.escape(workTree) + " has uncommitted changes",
        "commit or discard them there, or publish with --force to include them in the replacement");
  }

  static OutputException diverged(String branch, String upstream) {
    return output("--branch", DIVERGED, "target branch '" + Messages.escape(branch) + "' has diverged from "
            + Messages.escape(upstream),
        "reconcile the two (pull or reset) in the target repository, or publish with --force");
  }

  static OutputException handEdited(String folder, String commit, String subject) {
    return output("--path", HAND_EDITED, "target folder '" + Messages.escape(folder) + "' was changed by hand in commit "
            + commit + " (\"" + Messages.escape(subject) + "\") after the last publish",
        "move that change into the templates or descriptors and render, or publish with --force to overwrite it");
  }

  static OutputException rejected(String repo, String branch, RemoteRefUpdate.Status status, String message) {
    String why = message == null ? "" : ": " + redact(message);
    if (status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD || status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
      return output("--branch", REJECTED, redact(repo) + " refused the push to '" + Messages.escape(branch)
              + "': someone pushed to it since this publish read it (not a fast-forward)" + why,
          "nothing was changed there; publish again, it starts from the new tip");
    }
    return output("--branch", REJECTED, redact(repo) + " refused the push to '" + Messages.escape(branch) + "' ("
            + status.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")" + why,
        "check the branch protection rules of the GitOps repository and that the token may push to '"
            + Messages.escape(branch) + "'");
  }

  /** A failure of the Git library while talking to {@code repo}, classified by its cause. */
  static MeshplateException of(String repo, Exception failure) {
    String text = chainText(failure);
    String lower = text.toLowerCase(Locale.ROOT);
    if (has(failure, NoRemoteRepositoryException.class) || has(failure, RepositoryNotFoundException.class)) {
      return usage("--repo", REPO_NOT_FOUND, "no Git repository at " + redact(repo),
          "check --repo: a local work tree, a bare repository, or the https:// URL of an existing repository");
    }
    if (lower.contains("authentication is required") || lower.contains("not authorized")
        || lower.contains("not permitted")) {
      return output("--repo", AUTH, redact(repo) + " refused the credentials, or asked for some and none were given",
          "put a token that may push into the URL, e.g. https://x-access-token:<token>@github.com/ORG/REPO.git"
              + " (the GITOPS_REPO_URL secret); credentials are never printed");
    }
    if (has(failure, UnknownHostException.class) || has(failure, ConnectException.class)
        || lower.contains("connection failed") || lower.contains("cannot open")) {
      return output("--repo", UNREACHABLE, "cannot reach " + redact(repo),
          "check the host name, the network and any proxy of this machine");
    }
    return output("--repo", GIT, "publishing to " + redact(repo) + " failed: " + redact(String.valueOf(failure.getMessage())),
        "run again with --stacktrace for the Git library's details");
  }

  /** Hides credentials of {@code https://user:token@host/...} URLs, then escapes control characters. */
  static String redact(String text) {
    return Messages.escape(text.replaceAll("://[^/@\\s]+@", "://***@"));
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String chainText(Throwable failure) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }

  private static UsageException usage(String where, String rule, String message, String hint) {
    return new UsageException(List.of(new Problem(where, 0, 0, rule, message, hint)));
  }

  private static OutputException output(String where, String rule, String message, String hint) {
    return new OutputException(List.of(new Problem(where, 0, 0, rule, message, hint)));
  }
}
