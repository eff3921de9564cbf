package io.meshplate.reach;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A finite set of sample requests that stands for every request to one port: one per class of
 * requests the patterns in play cannot tell apart. Every pattern is exact, a prefix, a suffix or
 * "any", so a path is classified by the longest prefix and longest suffix it carries (or by being
 * an exact value); {@code prefix + X + suffix}, with a character no pattern contains as
 * {@code X}, is one member of each class. Two request sets over the same space are equal exactly
 * when the real sets are, which is how effect is compared with intent. On a TCP port there is
 * one sample: the connection.
 */
final class ProbeSpace {
  /** A sample request; all null on a TCP port. */
  record Probe(String method, String path, String host) {}

  /** Appears in no pattern: the "other" value of each dimension. */
  static final String OTHER = "\u00a7";

  static final ProbeSpace TCP = new ProbeSpace(false, List.of(new Probe(null, null, null)));

  final boolean http;
  final List<Probe> probes;
  /**
   * {@link #describe} of each request set asked for: a space is shared by the workloads called
   * with the same patterns, and their flows ask for the same few sets again and again (each flow
   * of a table describes up to four sets; 1,000 tenants have some 87,000 flows).
   */
  private final Map<BitSet, List<Requests>> described = new ConcurrentHashMap<>();

  private ProbeSpace(boolean http, List<Probe> probes) {
    this.http = http;
    this.probes = List.copyOf(probes);
  }

  /** The sample requests for the given method, path and host patterns. */
  static ProbeSpace http(Collection<StringMatch> methods, Collection<StringMatch> paths, Collection<StringMatch> hosts) {
    // Each dimension sampled once, not again for every sample of the dimensions around it.
    SortedSet<String> methodSamples = samples(methods, "");
    SortedSet<String> pathSamples = samples(paths, "/");
    SortedSet<String> hostSamples = samples(hosts, "");
    List<Probe> probes = new ArrayList<>(methodSamples.size() * pathSamples.size() * hostSamples.size());
    for (String method : methodSamples) {
      for (String path : pathSamples) {
        for (String host : hostSamples) {
          probes.add(new Probe(method, path, host));
        }
      }
    }
    return new ProbeSpace(true, probes);
  }

  /** @param root what every value starts with (a path starts with {@code /}) */
  private static SortedSet<String> samples(Collection<StringMatch> patterns, String root) {
    SortedSet<String> exact = new TreeSet<>();
    SortedSet<String> prefixes = new TreeSet<>(List.of(root));
    SortedSet<String> suffixes = new TreeSet<>(List.of(""));
    for (StringMatch p : patterns) {
      if (p.isPrefix()) {
        prefixes.add(p.stem().startsWith(root) ? p.stem() : root);
      } else if (p.isSuffix()) {
        suffixes.add(p.stem());
      } else if (!p.isPresence()) {
        exact.add(p.stem());
      }
    }
    SortedSet<String> out = new TreeSet<>(exact);
    for (String prefix : prefixes) {
      for (String suffix : suffixes) {
        out.add(prefix + OTHER + suffix);
      }
    }
    return out;
  }

  /** The same space without the samples {@code keep} rejects. */
  ProbeSpace restrict(Predicate<Probe> keep) {
    return new ProbeSpace(http, probes.stream().filter(keep).toList());
  }

  int size() {
    return probes.size();
  }

  BitSet all() {
    BitSet all = new BitSet(size());
    all.set(0, size());
    return all;
  }

  /** The descriptions most flows have, one list each: a table keeps every flow's until it is printed. */
  private static final List<Requests> ANY_CONNECTION = List.of(Requests.CONNECTION);
  private static final List<Requests> ANY_REQUEST = List.of(Requests.ANY);

  /**
   * The requests in {@code set}, grouped for people: one entry per group of methods that share
   * the same paths and hosts. Empty when the set is empty; a single "any" entry when it is full.
   */
  List<Requests> describe(BitSet set) {
    if (set.isEmpty()) {
      return List.of();
    }
    if (!http) {
      return ANY_CONNECTION;
    }
    if (set.cardinality() == size()) {
      return ANY_REQUEST;
    }
    List<Requests> known = described.get(set);
    if (known != null) {
      return known;
    }
    List<Requests> made = grouped(set);
    // Keyed by a copy: the caller's set may change after.
    known = described.putIfAbsent(Bits.copy(set), made);
    return known != null ? known : made;
  }

  private List<Requests> grouped(BitSet set) {
    SortedSet<String> allMethods = new TreeSet<>();
    SortedSet<String> allPaths = new TreeSet<>();
    SortedSet<String> allHosts = new TreeSet<>();
    for (Probe p : probes) {
      allMethods.add(label(p.method()));
      allPaths.add(label(p.path()));
      allHosts.add(label(p.host()));
    }
    Map<String, SortedSet<String>> pathsByMethod = new TreeMap<>();
    Map<String, SortedSet<String>> hostsByMethod = new TreeMap<>();
    for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
      Probe p = probes.get(i);
      pathsByMethod.computeIfAbsent(label(p.method()), k -> new TreeSet<>()).add(label(p.path()));
      hostsByMethod.computeIfAbsent(label(p.method()), k -> new TreeSet<>()).add(label(p.host()));
    }
    Map<String, SortedSet<String>> methodsByShape = new TreeMap<>();
    Map<String, SortedSet<String>[]> shapes = new TreeMap<>();
    pathsByMethod.forEach((method, paths) -> {
      SortedSet<String> hosts = hostsByMethod.get(method);
      String key = paths + "|" + hosts;
      methodsByShape.computeIfAbsent(key, k -> new TreeSet<>()).add(method);
      @SuppressWarnings("unchecked")
      SortedSet<String>[] shape = new SortedSet[] {paths, hosts};
      shapes.put(key, shape);
    });
    List<Requests> out = new ArrayList<>();
    methodsByShape.forEach((key, methods) -> {
      SortedSet<String>[] shape = shapes.get(key);
      out.add(new Requests(methods.equals(allMethods) ? List.of() : named(methods),
          shape[0].equals(allPaths) ? List.of() : List.copyOf(shape[0]), except(shape[0], allPaths),
          shape[1].equals(allHosts) ? List.of() : List.copyOf(shape[1])));
    });
    return List.copyOf(out);
  }

  /** Method labels with the catch-all written as words. */
  private static List<String> named(SortedSet<String> methods) {
    return methods.stream().map(m -> m.equals("*") ? "other methods" : m).toList();
  }

  /** When the catch-all class is in, the classes that are not: "any path except these". */
  private static List<String> except(SortedSet<String> labels, SortedSet<String> all) {
    if (!labels.contains("*") || labels.equals(all)) {
      return List.of();
    }
    SortedSet<String> missing = new TreeSet<>(all);
    missing.removeAll(labels);
    return List.copyOf(missing);
  }

  /** A sample as people read it: {@code /v1/*} for the class of paths under {@code /v1/}, {@code *} for the rest. */
  static String label(String sample) {
    if (sample == null || sample.equals("/" + OTHER)) {
      return "*";
    }
    int at = sample.indexOf(OTHER);
    if (at < 0) {
      return sample;
    }
    return sample.substring(0, at) + "*" + sample.substring(at + OTHER.length());
  }
}
