package io.meshplate.review;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository in a temporary folder, committed with a fixed identity and clock. */
final class GitRepo implements AutoCloseable {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  final Path root;
  final Git git;
  private int commits;

  GitRepo(Path root) throws Exception {
    this.root = root;
    this.git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
  }

  /** Stages everything (deletions included) and commits; ids are stable across runs. */
  RevCommit commitAll(String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Tess Tenant", "tess@example.com", EPOCH.plusSeconds(60L * commits++), ZoneOffset.UTC);
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).setAllowEmpty(true).call();
  }

  @Override
  public void close() {
    git.close();
  }
}
