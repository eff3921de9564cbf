package io.meshplate.publish;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.filter.MessageRevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Commits the rendered {@code output/} into a GitOps repository that Argo CD syncs.
 *
 * <p>The target folder's content is replaced (files meshplate no longer renders are deleted) in
 * one commit. Identity is fixed and independent of any Git configuration: the committer is
 * always {@code meshplate <meshplate@meshplate.invalid>}, the author is the author of the source
 * commit (so the GitOps history credits whoever's change is being published), and the message
 * names the source commit in a {@code Meshplate-Source:} trailer. That trailer is also how a
 * later publish recognises hand edits: when the newest commit touching the folder lacks it while
 * an earlier publish exists, the target has diverged and publishing needs {@code --force}.
 */
public final class Publisher {
  /** Trailer naming the source commit in every publish commit. */
  public static final String TRAILER = "Meshplate-Source: ";
  static final PersonIdent COMMITTER_NAME = new PersonIdent("meshplate", "meshplate@meshplate.invalid");

  /** {@code git@host:path} and {@code ssh://}: JGit here has no SSH transport. */
  private static final Pattern SSH_URL =
      Pattern.compile("^(?:[a-z+]*ssh://|[\\w.-]+@[\\w.-]+:(?!//))");

  private Publisher() {}

  /**
   * Publishes {@code output/} as the request says.
   *
   * @throws io.meshplate.UsageException (exit 2) nothing rendered, no repository or branch by that
   *     name, or an SSH URL; each as a problem with a {@code PUBLISH-*} rule id and the fix
   * @throws io.meshplate.OutputException (exit 6) the target refused or could not be reached, or
   *     is dirty, diverged or edited by hand (the last three unless forced)
   */
  public static PublishResult publish(PublishRequest request) {
    Path output = request.source().output();
    if (!Files.isDirectory(output)) {
      throw PublishFailures.noOutput(request.source().display(output));
    }
    if (SSH_URL.matcher(request.repo()).find()) {
      throw PublishFailures.unsupportedUrl(request.repo());
    }
    SourceRevision source = SourceRevision.of(request.source().root());
    Path local = Path.of(request.repo());
    boolean isPath = !request.repo().contains("://") && Files.isDirectory(local);
    try {
      if (isPath && !isBare(local)) {
        try (Git git = Git.open(local.toFile())) {
          return publishInto(git, request, source, output, false);
        }
      }
      String uri = isPath ? local.toAbsolutePath().toUri().toString() : request.repo();
      boolean branchExists = requireBranch(uri, request);
      Path clone = Files.createTempDirectory("meshplate-publish");
      var cloning = Git.cloneRepository().setURI(uri).setDirectory(clone.toFile()).setCloneAllBranches(false);
      if (branchExists) {
        cloning.setBranch(request.branch());
      }
      try (Git git = cloning.call()) {
        return publishInto(git, request, source, output, true);
      } finally {
        deleteTree(clone);
      }
    } catch (GitAPIException | IOException e) {
      throw PublishFailures.of(request.repo(), e);
    }
  }

  /**
   * Whether the target branch exists; a repository without any branch is fine (the first publish
   * creates it), one with other branches only is a mistyped {@code --branch}.
   */
  private static boolean requireBranch(String uri, PublishRequest request) throws GitAPIException {
    List<String> branches = new ArrayList<>();
    for (Ref ref : Git.lsRemoteRepository().setRemote(uri).setHeads(true).call()) {
      branches.add(Repository.shortenRefName(ref.getName()));
    }
    branches.sort(null);
    if (branches.contains(request.branch())) {
      return true;
    }
    if (!branches.isEmpty()) {
      throw PublishFailures.branchMissing(request.repo(), request.branch(), branches);
    }
    return false;
  }

  private static PublishResult publishInto(Git git, PublishRequest request, SourceRevision source, Path output,
      boolean push) throws GitAPIException, IOException {
    Repository repo = git.getRepository();
    isolate(repo.getConfig());
    checkoutBranch(git, request.branch());
    if (!push && !request.force()) {
      Status status = git.status().call();
      if (!status.isClean()) {
        throw PublishFailures.dirtyTarget(repo.getWorkTree().toString());
      }
    }
    if (!request.force()) {
      checkNotDiverged(git, request);
    }
    Path target = request.path().isEmpty() ? repo.getWorkTree().toPath() : repo.getWorkTree().toPath().resolve(request.path());
    replaceContent(target, output);
    String pattern = request.path().isEmpty() ? "." : request.path();
    git.add().addFilepattern(pattern).call();
    git.add().addFilepattern(pattern).setUpdate(true).call();
    Status staged = git.status().call();
    int added = staged.getAdded().size();
    int modified = staged.getChanged().size();
    int removed = staged.getRemoved().size();
    if (added + modified + removed == 0) {
      return new PublishResult(null, source.revision(), 0, 0, 0, false);
    }
    PersonIdent committer = new PersonIdent(COMMITTER_NAME, Instant.now());
    PersonIdent author = source.author() == null ? committer : new PersonIdent(source.author(), Instant.now());
    RevCommit commit = git.commit()
        .setMessage(message(source, request))
        .setAuthor(author)
        .setCommitter(committer)
        .setSign(false)
        .setNoVerify(true)
        .call();
    if (push) {
      push(git, request.repo(), request.branch());
    }
    return new PublishResult(commit.getId().name(), source.revision(), added, modified, removed, push);
  }

  private static String message(SourceRevision source, PublishRequest request) {
    String where = request.path().isEmpty() ? "the repository root" : request.path() + "/";
    return "meshplate: publish rendered output of " + source.revision() + "\n\n"
        + "Replaces " + where + " with the output/ folder rendered at source commit " + source.revision() + ".\n\n"
        + TRAILER + source.revision() + "\n";
  }

  /** Never let the machine's Git configuration change what is committed. */
  private static void isolate(StoredConfig config) {
    config.setBoolean("core", null, "autocrlf", false);
    config.setString("core", null, "eol", "lf");
    config.setBoolean("commit", null, "gpgsign", false);
  }

  /**
   * Puts the work tree on the target branch. A fresh clone is already on it (or, of an empty
   * repository, on no branch yet: the first commit creates it); a local work tree must have it
   * checked out.
   */
  private static void checkoutBranch(Git git, String branch) throws IOException {
    Repository repo = git.getRepository();
    String current = repo.getBranch();
    if (branch.equals(current)) {
      return;
    }
    if (repo.resolve(Constants.HEAD) == null) {
      repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch);
      return;
    }
    if (repo.resolve(Constants.R_HEADS + branch) != null) {
      throw PublishFailures.wrongBranch(repo.getWorkTree().toString(), current, branch);
    }
    List<String> branches = new ArrayList<>();
    repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)
        .forEach(ref -> branches.add(Repository.shortenRefName(ref.getName())));
    throw PublishFailures.branchMissing(repo.getWorkTree().toString(), branch, branches);
  }

  private static void checkNotDiverged(Git git, PublishRequest request) throws GitAPIException, IOException {
    Repository repo = git.getRepository();
    BranchTrackingStatus tracking = BranchTrackingStatus.of(repo, request.branch());
    if (tracking != null && tracking.getAheadCount() > 0 && tracking.getBehindCount() > 0) {
      throw PublishFailures.diverged(request.branch(), tracking.getRemoteTrackingBranch());
    }
    if (repo.resolve(Constants.HEAD) == null) {
      return;
    }
    var log = git.log().setMaxCount(1);
    if (!request.path().isEmpty()) {
      log.addPath(request.path());
    }
    List<RevCommit> newest = toList(log.call());
    boolean everPublished = toList(git.log().setMaxCount(1).setRevFilter(
        MessageRevFilter.create(TRAILER)).call()).size() > 0;
    if (everPublished && !newest.isEmpty() && !newest.get(0).getFullMessage().contains(TRAILER)) {
      throw PublishFailures.handEdited(request.path().isEmpty() ? "/" : request.path(),
          newest.get(0).abbreviate(7).name(), newest.get(0).getShortMessage());
    }
  }

  private static <T> List<T> toList(Iterable<T> items) {
    List<T> out = new ArrayList<>();
    items.forEach(out::add);
    return out;
  }

  private static void push(Git git, String repo, String branch) throws GitAPIException {
    for (PushResult result : git.push().setRemote("origin")
        .setRefSpecs(new RefSpec(Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch)).call()) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          throw PublishFailures.rejected(repo, branch, update.getStatus(), update.getMessage());
        }
      }
    }
  }

  /** Makes {@code target} hold exactly the files of {@code output} (the {@code .git} folder aside). */
  private static void replaceContent(Path target, Path output) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> children = Files.list(target)) {
      for (Path child : children.sorted().toList()) {
        if (!child.getFileName().toString().equals(Constants.DOT_GIT)) {
          deleteTree(child);
        }
      }
    }
    try (Stream<Path> walk = Files.walk(output)) {
      for (Path from : walk.sorted().toList()) {
        Path to = target.resolve(output.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else if (Files.isRegularFile(from)) {
          Files.copy(from, to);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static boolean isBare(Path dir) {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
      return repo.isBare() && new File(dir.toFile(), "objects").isDirectory();
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
