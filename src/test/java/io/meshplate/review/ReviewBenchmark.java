package io.meshplate.review;

import io.meshplate.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures, never asserts on time: run with
 * {@code mvn -o test -Dtest=ReviewBenchmark -Dmeshplate.bench=true [-Dmeshplate.bench.tenants=1000]}.
 * Generated tenants rendered by the real pipeline into dev and prod; the head drops every
 * {@code allow-nothing} policy (by hand, as the render refuses it).
 */
@EnabledIfSystemProperty(named = "meshplate.bench", matches = "true")
class ReviewBenchmark {
  @Test
  void templateChangeAcrossAllTenantsFromGit() throws Exception {
    int tenants = Integer.getInteger("meshplate.bench.tenants", 1000);
    Path root = Files.createTempDirectory("meshplate-bench");
    long t0 = System.nanoTime();
    try (GitRepo repo = new GitRepo(root)) {
      ProjectTree tree = ProjectTree.synthetic(root, tenants).render();
      long tRender = System.nanoTime();
      System.out.printf(Locale.ROOT, "bench: render %d tenants %.2fs%n", tenants, (tRender - t0) / 1e9);
      repo.commitAll("base");
      Scenarios.removeAllowNothingByHand(tree);
      repo.commitAll("head");
      long t1 = System.nanoTime();
      Workspace ws = new Workspace(root);
      OutputSnapshot base = OutputSnapshot.fromGit(ws, "HEAD~1");
      long tBase = System.nanoTime();
      OutputSnapshot after = OutputSnapshot.fromGit(ws, "HEAD", base);
      long t2 = System.nanoTime();
      OutputSnapshot again = OutputSnapshot.fromGit(ws, "HEAD");
      long tAgain = System.nanoTime();
      System.out.printf(Locale.ROOT, "bench: read base %.2fs; head reusing unchanged files %.2fs; head again without reuse %.2fs%n",
          (tBase - t1) / 1e9, (t2 - tBase) / 1e9, (tAgain - t2) / 1e9);
      long bothSides = t2 - t1;
      t2 = System.nanoTime();
      Review review = Reviewer.review(base, after, DeletionPolicy.DEFAULT);
      long t3 = System.nanoTime();
      String markdown = Reviewer.format(review, ReportFormat.MARKDOWN, false);
      String json = Reviewer.format(review, ReportFormat.JSON, false);
      long t4 = System.nanoTime();
      OutputSnapshot disk = OutputSnapshot.fromWorkTree(ws);
      long t5 = System.nanoTime();
      Runtime rt = Runtime.getRuntime();
      System.out.printf(Locale.ROOT,
          "bench: %d tenants, %d files per side; render+commits %.1fs; read both sides from Git %.2fs; "
              + "review %.2fs (%d changes, %d findings); markdown %d chars + json %d chars %.2fs; "
              + "read work tree %.2fs; heap used %d MiB%n",
          tenants, after.files().size(), (t1 - t0) / 1e9, bothSides / 1e9, (t3 - t2) / 1e9,
          review.changes().size(), review.findings().size(), markdown.length(), json.length(), (t4 - t3) / 1e9,
          (t5 - t4) / 1e9, (rt.totalMemory() - rt.freeMemory()) >> 20);
      System.out.println("bench: disk snapshot files " + disk.files().size());
    } finally {
      ProjectTree.delete(root);
    }
  }
}
