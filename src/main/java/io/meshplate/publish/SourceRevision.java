package io.meshplate.publish;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The source commit a publish names: HEAD of the project, {@code -dirty} with local changes. */
record SourceRevision(String revision, PersonIdent author) {
  static SourceRevision of(Path root) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
    if (builder.getGitDir() == null) {
      return new SourceRevision("unversioned", null);
    }
    try (Repository repo = builder.build(); Git git = new Git(repo); RevWalk walk = new RevWalk(repo)) {
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head == null) {
        return new SourceRevision("unborn", null);
      }
      RevCommit commit = walk.parseCommit(head);
      boolean dirty = !git.status().call().isClean();
      return new SourceRevision(commit.getId().name() + (dirty ? "-dirty" : ""), commit.getAuthorIdent());
    } catch (IOException | GitAPIException e) {
      return new SourceRevision("unknown", null);
    }
  }
}
