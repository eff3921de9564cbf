package io.meshplate.cli;

import io.meshplate.DidYouMean;
import io.meshplate.OutputException;
import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.pipeline.Selection;
import io.meshplate.reach.Reach;
import io.meshplate.reach.Report;
import io.meshplate.yaml.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Checks that {@code --env} and {@code --tenant} name an overlay folder and a descriptor file that
 * exist, before anything is read: a typo is a usage error (exit 2) with the closest names, even
 * when some descriptor does not validate.
 */
final class KnownNames {
  private KnownNames() {}

  static void require(Workspace workspace, Selection selection) {
    List<Problem> problems = new ArrayList<>();
    if (!selection.overlays().isEmpty()) {
      SortedSet<String> overlays = names(workspace.overlays(), Files::isDirectory, "");
      for (String name : selection.overlays()) {
        if (!overlays.contains(name)) {
          problems.add(new Problem("--env", 0, 0, "UNKNOWN-OVERLAY", "no overlay named '" + Messages.escape(name) + "'",
              DidYouMean.hint(name, overlays, "known overlays: " + String.join(", ", overlays))));
        }
      }
    }
    if (!selection.tenants().isEmpty()) {
      SortedSet<String> tenants = names(workspace.tenants(), Files::isRegularFile, ".yaml");
      for (String name : selection.tenants()) {
        if (!tenants.contains(name)) {
          problems.add(new Problem("--tenant", 0, 0, "UNKNOWN-TENANT", "no tenant named '" + Messages.escape(name) + "'",
              DidYouMean.hint(name, tenants, "tenants are the files in tenants/")));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
  }

  /**
   * Checks that {@code --from} and {@code --to} (either may be null) name a tenant that has a
   * descriptor ({@code TENANT} or {@code TENANT/SERVICE}) or a party outside the tenants: a typo
   * would otherwise answer "no flow" (exit 1), which a script asking "can A reach B?" reads as
   * "no". A known tenant not placed in an overlay is not an error: it has no flow there.
   */
  static void requireParties(Workspace workspace, String from, String to) {
    List<Problem> problems = new ArrayList<>();
    SortedSet<String> tenants = null;
    for (String[] option : new String[][] {{"--from", from}, {"--to", to}}) {
      String query = option[1];
      if (query == null || Reach.namesNonTenantParty(query)) {
        continue;
      }
      if (tenants == null) {
        tenants = names(workspace.tenants(), Files::isRegularFile, ".yaml");
      }
      String tenant = query.contains("/") ? query.substring(0, query.indexOf('/')) : query;
      if (!tenants.contains(tenant)) {
        problems.add(new Problem(option[0], 0, 0, "UNKNOWN-TENANT", "no tenant named '" + Messages.escape(tenant) + "'",
            DidYouMean.hint(tenant, tenants, "tenants are the files in tenants/; a query may also name "
                + Reach.nonTenantParties())));
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
  }

  /**
   * Checks that a {@code --from} or {@code --to} naming a service ({@code TENANT/SERVICE}) names
   * one of its tenant's parties in the overlays evaluated, once the model is built: a misspelt
   * service is a usage error as a misspelt tenant is. A tenant with no party there (not placed in
   * the overlay) is left to the answer: it has no flow.
   */
  static void requireServices(Report report, String from, String to) {
    List<Problem> problems = new ArrayList<>();
    for (String[] option : new String[][] {{"--from", from}, {"--to", to}}) {
      String query = option[1];
      if (query == null || !query.contains("/") || Reach.namesNonTenantParty(query)) {
        continue;
      }
      String tenant = query.substring(0, query.indexOf('/'));
      List<String> own = report.parties().stream().filter(p -> p.startsWith(tenant + "/")).toList();
      if (!own.isEmpty() && !own.contains(query)) {
        String names = String.join(", ", own.stream().map(p -> p.substring(tenant.length() + 1)).toList());
        problems.add(new Problem(option[0], 0, 0, "UNKNOWN-SERVICE", "tenant '" + Messages.escape(tenant)
            + "' has no service or gateway named '" + Messages.escape(query.substring(tenant.length() + 1)) + "' in "
            + String.join(", ", report.overlays()),
            DidYouMean.hint(query, own, "its services and gateways: " + names)));
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
  }

  /** Names of the entries of {@code dir} that pass {@code kind} and end in {@code suffix}, without it. */
  private static SortedSet<String> names(Path dir, Predicate<Path> kind, String suffix) {
    SortedSet<String> names = new TreeSet<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.filter(kind).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
          .forEach(n -> names.add(n.substring(0, n.length() - suffix.length())));
    } catch (NoSuchFileException absent) {
      // no folder, no names: every selected name is unknown
    } catch (IOException e) {
      throw new OutputException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return names;
  }
}
