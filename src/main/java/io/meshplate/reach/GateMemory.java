package io.meshplate.reach;

import io.meshplate.BytesIn;
import io.meshplate.BytesOut;
import io.meshplate.Sha256;
import io.meshplate.yaml.ValueCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the gate of one overlay judged last time, so that the next gate evaluates again only the
 * flows that touch a changed tenant. A flow's verdict depends on the overlay's platform side
 * (values, the {@code platform/} folder: mesh settings, root-namespace and cluster-scoped
 * objects) and on the namespaces of its two ends, as long as every tenant folder keeps its
 * objects to its own namespace: the model reads a namespace's policies, Sidecars, PeerAuthentications,
 * DestinationRules, labels and parties only for flows from or to it, and a ServiceEntry exported to
 * its own namespace only ({@code exportTo: ["."]}) and a Gateway under
 * {@code PILOT_SCOPE_GATEWAY_TO_NAMESPACE} reach no further. So the memory holds:
 * <ul>
 *   <li>a fingerprint of the platform side; any change evaluates everything;
 *   <li>for each tenant: its namespace, a fingerprint of its declarations and of the content of
 *       its folder (the blob ids of its files), whether the folder is local in the sense above,
 *       and the tenants it calls. A changed tenant whose folder is not local, before or after,
 *       evaluates everything; else its namespace is evaluated again, with those of the tenants it
 *       called or calls (the sample requests of a callee come from the allow rules of the callers
 *       that call it);
 *   <li>the findings of every flow: a flow between workloads, to the platform or to an external
 *       host is kept with the namespaces of its tenant ends, and its finding is taken again when
 *       none of them changed. An ingress flow is kept with its host: its Route, gateway,
 *       VirtualServices and destinations may lie in any namespace, and any tenant may claim the
 *       host, so it is evaluated again when a namespace it reads
 *       ({@link IngressChain#namespacesRead}) changed, or when a changed tenant names the host
 *       (each tenant's print keeps the hosts its folder and descriptor name) or a host pattern.
 * </ul>
 * The findings on declarations alone and on objects the model does not evaluate are made again
 * on every run (they cost no evaluation).
 * A tenant whose folder content is unknown (not proven by stamps, not rendered this run) counts
 * as changed. Fingerprints are SHA-256: no descriptor can make a changed folder look unchanged.
 *
 * <p>What is kept per flow is its findings for a gate ({@link #FINDINGS}), or for the table of
 * {@code meshplate reach} the flow as the table prints it ({@link #FLOWS}): the same argument
 * holds for both, since a flow's findings are made of what its evaluation says.
 */
public final class GateMemory<T> {
  /**
   * A tenant as last judged: its namespace, its fingerprint, whether its folder stays in its
   * namespace, the tenants it calls (a callee's sample requests are built from the allow rules of
   * the callers that call it, so a caller that starts or stops calling changes how every flow into
   * the callee is told) and the ingress hosts it names ({@link #hosts}), both sorted.
   */
  record Print(String namespace, byte[] fingerprint, boolean local, List<String> calls, List<String> hosts) {
    Print {
      calls = List.copyOf(calls);
      hosts = List.copyOf(hosts);
    }
  }

  /**
   * What was kept of a flow (a finding, or the flow for a table), with the namespaces of the
   * flow's tenant ends (one or two), or for an ingress flow its host (and no namespaces).
   */
  record Kept<T>(List<String> namespaces, String host, T value) {
    /** {@code value}, of {@code flow}, tagged with its tenant ends' namespaces or its ingress host. */
    static <T> Kept<T> of(Evaluation flow, T value) {
      return flow.family() == Family.INGRESS ? new Kept<>(null, flow.via(), value)
          : new Kept<>(GateMemory.namespaces(flow), null, value);
    }

    /**
     * Whether the finding still holds when the flows of {@code changed} namespaces are evaluated
     * again, and the ingress hosts but {@code settledHosts}.
     */
    boolean holds(Set<String> changed, Set<String> settledHosts) {
      if (host != null) {
        return settledHosts.contains(host);
      }
      for (int i = 0; i < namespaces.size(); i++) { // not a stream: asked of every flow of a gate
        if (changed.contains(namespaces.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /** How a kept value is written and read, its strings shared through {@link Out} and {@link In}. */
  interface Codec<T> {
    void write(Out out, T value) throws IOException;

    T read(In in) throws IOException;
  }

  final byte[] platform;
  final Map<String, Print> tenants;
  /** What was kept, or null for a memory made by a {@link Recorder}, which holds only its encoding. */
  final List<Kept<T>> kept;
  private final Codec<T> codec;
  /** The encoding of a memory made by a {@link Recorder}, null for one made of {@link #kept}. */
  private final Encoding encoded;

  GateMemory(byte[] platform, Map<String, Print> tenants, List<Kept<T>> kept, Codec<T> codec) {
    this(platform, tenants, List.copyOf(kept), codec, null);
  }

  private GateMemory(byte[] platform, Map<String, Print> tenants, List<Kept<T>> kept, Codec<T> codec,
      Encoding encoded) {
    this.platform = platform;
    this.tenants = Collections.unmodifiableSortedMap(new TreeMap<>(tenants));
    this.kept = kept;
    this.codec = codec;
    this.encoded = encoded;
  }

  /**
   * A memory written as its values come, for a gate that keeps them only to save them: a render
   * that evaluates every flow of an overlay keeps each one the next table prints. Held as objects
   * until the overlay's last flow, 10,000 tenants' flows took some 80 MiB beside the evaluation,
   * for 19 MiB of bytes; written at once, each flow is garbage as soon as it is judged. The one
   * writer of the format: {@link #encoding} writes a memory's kept values through one too.
   */
  static final class Recorder<T> {
    private final Codec<T> codec;
    private final BytesOut entries = new BytesOut(1 << 16);
    private final Out out = new Out(new DataOutputStream(entries));
    private int count;

    Recorder(Codec<T> codec) {
      this.codec = codec;
    }

    void add(Kept<T> kept) {
      try {
        write(out, kept, codec);
      } catch (IOException e) {
        throw new IllegalStateException(e); // memory only
      }
      count++;
    }

    /**
     * The memory of what was added, with the platform side's and the tenants' prints: the platform
     * side, the count of kept values, the kept values, then the tenants (the kept values come first
     * because they are written before the tenants are known).
     */
    GateMemory<T> memory(byte[] platform, Map<String, Print> tenants) {
      try {
        writeTenants(out, new TreeMap<>(tenants));
        BytesOut head = new BytesOut(8 + platform.length);
        DataOutputStream data = new DataOutputStream(head);
        new Out(data).bytes(platform);
        data.writeInt(count);
        return new GateMemory<>(platform, tenants, null, codec, new Encoding(head.toByteArray(), entries));
      } catch (IOException e) {
        throw new IllegalStateException(e); // memory only
      }
    }
  }

  /**
   * What this run can reuse of {@code last}: the namespaces whose flows must be evaluated again,
   * or null when everything must (no memory, another platform side, or a changed folder that is
   * not local).
   */
  static Set<String> changedNamespaces(GateMemory<?> last, byte[] platform, Map<String, Print> now) {
    if (!samePlatform(last, platform)) {
      return null;
    }
    Set<String> changed = new HashSet<>();
    for (String name : changedTenants(last, now)) {
      Print before = last.tenants.get(name);
      Print after = now.get(name);
      if (before != null && !before.local() || after != null && !after.local()) {
        return null;
      }
      for (Print print : Arrays.asList(before, after)) {
        if (print != null) {
          changed.add(print.namespace());
        }
      }
      // A callee's sample requests change when a tenant starts or stops calling it.
      for (String callee : startedOrStopped(before, after)) {
        for (Map<String, Print> side : List.of(last.tenants, now)) {
          if (side.get(callee) != null) {
            changed.add(side.get(callee).namespace());
          }
        }
      }
    }
    return changed;
  }

  /**
   * The ingress hosts the changed tenants name, before or after ({@code *} when one names a host
   * pattern): any tenant may claim a host, so the flows of such a host are evaluated again wherever
   * its Route, Gateway and VirtualService lie. {@code last} must not be null.
   */
  static Set<String> mentionedHosts(GateMemory<?> last, Map<String, Print> now) {
    Set<String> out = new TreeSet<>();
    for (String name : changedTenants(last, now)) {
      for (Print print : Arrays.asList(last.tenants.get(name), now.get(name))) {
        if (print != null) {
          out.addAll(print.hosts());
        }
      }
    }
    return out;
  }

  /** {@code memory} as the memory of a gate's findings; null stays null. */
  @SuppressWarnings("unchecked")
  static GateMemory<Checker.Finding> ofFindings(GateMemory<?> memory) {
    if (memory != null && memory.codec != FINDINGS) {
      throw new IllegalArgumentException("not the memory of a gate's findings");
    }
    return (GateMemory<Checker.Finding>) memory;
  }

  /**
   * Whether a gate of {@code platform} and {@code tenants} would keep {@code last} as it is: the
   * platform side and every tenant, no more and no fewer, fingerprinted as {@code last} judged
   * them ({@link #changedNamespaces} would find nothing changed). Costs the fingerprints, not a
   * model; false when {@code last} is null or a content is unknown.
   */
  static boolean judged(GateMemory<?> last, PlatformFacts platform, List<TenantFacts> tenants) {
    if (last == null || tenants.size() != last.tenants.size() || !samePlatform(last, fingerprint(platform))) {
      return false;
    }
    return tenants.parallelStream()
        .allMatch(t -> samePrint(last.tenants.get(t.tenant()), t.intent.namespace(), fingerprint(t)));
  }

  /** Whether {@code last} judged this platform side (its fingerprint, null when unknown). */
  private static boolean samePlatform(GateMemory<?> last, byte[] platform) {
    return last != null && platform != null && Arrays.equals(last.platform, platform);
  }

  /** Whether a tenant judged as {@code before} is still in {@code namespace} with this fingerprint (null: unknown). */
  private static boolean samePrint(Print before, String namespace, byte[] fingerprint) {
    return before != null && fingerprint != null && Arrays.equals(before.fingerprint(), fingerprint)
        && before.namespace().equals(namespace);
  }

  /** Tenants added, removed, moved to another namespace, or whose fingerprint differs or is unknown. */
  private static Set<String> changedTenants(GateMemory<?> last, Map<String, Print> now) {
    Set<String> names = new TreeSet<>(last.tenants.keySet());
    names.addAll(now.keySet());
    names.removeIf(name -> {
      Print after = now.get(name);
      return after != null && samePrint(last.tenants.get(name), after.namespace(), after.fingerprint());
    });
    return names;
  }

  /**
   * The ingress hosts a tenant names: in its Routes, Gateway servers and VirtualServices, and the
   * hosts it declares; {@code *} for a wildcard or short host, which may stand for any.
   */
  static List<String> hosts(TenantFacts tenant) {
    Set<String> out = new TreeSet<>();
    tenant.facts.routes.forEach(r -> out.add(r.host() == null ? "*" : Hosts.lower(r.host())));
    for (GatewayFact g : tenant.facts.gateways) {
      for (GatewayFact.Server server : g.servers()) {
        for (String entry : server.hosts()) {
          String host = entry.contains("/") ? entry.substring(entry.indexOf('/') + 1) : entry;
          out.add(host.contains("*") ? "*" : Hosts.lower(host));
        }
      }
    }
    for (VirtualServiceFact vs : tenant.facts.virtualServices) {
      vs.hosts().forEach(h -> out.add(h.contains("*") || !h.contains(".") ? "*" : Hosts.lower(h)));
    }
    tenant.intent.hosts().forEach(h -> out.add(Hosts.lower(h.fqdn())));
    return List.copyOf(out);
  }

  /** The tenants called on one side only (every callee of a tenant added or removed). */
  private static Set<String> startedOrStopped(Print before, Print after) {
    Set<String> out = new TreeSet<>();
    if (before != null) {
      out.addAll(before.calls());
    }
    if (after != null) {
      for (String callee : after.calls()) {
        if (!out.remove(callee)) {
          out.add(callee);
        }
      }
    }
    return out;
  }

  /** The platform side's fingerprint: its folder's content and the overlay's values; null when the content is unknown. */
  static byte[] fingerprint(PlatformFacts platform) {
    if (platform.content == null) {
      return null;
    }
    MessageDigest digest = Sha256.digest();
    digest.update(platform.content);
    digest.update(String.valueOf(new TreeMap<>(platform.values)).getBytes(StandardCharsets.UTF_8));
    digest.update(String.valueOf(platform.provenance).getBytes(StandardCharsets.UTF_8));
    return digest.digest();
  }

  /** The tenants a tenant calls, sorted. */
  static List<String> calls(TenantFacts tenant) {
    return tenant.intent.calls().stream().map(TenantIntent.CallIntent::tenant).distinct().sorted().toList();
  }

  /** A tenant's fingerprint: its folder's content and its declarations; null when the content is unknown. */
  static byte[] fingerprint(TenantFacts tenant) {
    if (tenant.content == null) {
      return null;
    }
    MessageDigest digest = Sha256.digest();
    digest.update(tenant.content);
    digest.update(encode(tenant.intent));
    return digest.digest();
  }

  /**
   * Every value of an intent, each string with its length and each list with its size, so that
   * equal bytes mean equal intents (the text of the records, which says the same, costs several
   * times more to build on every run). {@code GateMemoryTest} changes each value of an intent
   * in turn and checks that the bytes change: a component added to the records must be added here.
   */
  static byte[] encode(TenantIntent intent) {
    BytesOut bytes = new BytesOut(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      nullable(out, intent.tenant());
      nullable(out, intent.namespace());
      out.writeInt(intent.services().size());
      for (TenantIntent.ServiceIntent s : intent.services()) {
        ref(out, s.ref());
        nullable(out, s.name());
        out.writeInt(s.ports().size());
        for (PortSpec p : s.ports()) {
          out.writeInt(p.port());
          nullable(out, p.protocol());
          out.writeBoolean(p.captured());
        }
        out.writeInt(s.allow().size());
        for (TenantIntent.AllowIntent a : s.allow()) {
          ref(out, a.ref());
          nullable(out, a.tenant());
          nullable(out, a.service());
          out.writeBoolean(a.ingress());
          out.writeInt(a.ports().size());
          for (int port : new TreeSet<>(a.ports())) {
            out.writeInt(port);
          }
          nullables(out, a.methods());
          nullables(out, a.paths());
        }
      }
      out.writeInt(intent.calls().size());
      for (TenantIntent.CallIntent c : intent.calls()) {
        ref(out, c.ref());
        nullable(out, c.tenant());
        nullable(out, c.service());
      }
      out.writeInt(intent.egress().size());
      for (TenantIntent.EgressIntent e : intent.egress()) {
        ref(out, e.ref());
        nullable(out, e.host());
        out.writeInt(e.port());
        out.writeBoolean(e.originate());
      }
      out.writeInt(intent.hosts().size());
      for (TenantIntent.HostIntent h : intent.hosts()) {
        ref(out, h.ref());
        nullable(out, h.fqdn());
        nullable(out, h.service());
        out.writeInt(h.port());
        nullables(out, h.paths());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // memory only
    }
    return bytes.toByteArray();
  }

  /**
   * Whether every object of the tenant's folder acts in its own namespace only, for flows from or
   * to it (see the class comment); its namespace must not be a platform or the root namespace.
   */
  static boolean local(TenantFacts tenant, Mesh mesh) {
    String ns = tenant.intent.namespace();
    if (ns == null || ns.isEmpty() || ns.equals(mesh.settings.rootNamespace())
        || mesh.platform.namespaceLabels.containsKey(ns)
        || mesh.platform.all().stream().anyMatch(p -> ns.equals(p.namespace()))) {
      return false;
    }
    Facts facts = tenant.facts;
    if (!facts.namespaces().stream().allMatch(ns::equals)
        || facts.namespaces.stream().anyMatch(n -> !n.name().equals(ns))) {
      return false;
    }
    for (ServiceEntryFact se : facts.serviceEntries) {
      List<String> exportTo = se.exportTo() == null ? mesh.settings.serviceExportTo() : se.exportTo();
      if (!exportTo.equals(List.of("."))) {
        return false;
      }
    }
    return mesh.settings.gatewaysScoped() || facts.gateways.isEmpty();
  }

  /** The namespace of a tenant's party (a service or a gateway), else null. */
  static String tenantNamespace(Party party) {
    return party.tenant() != null && (party.kind() == Party.Kind.SERVICE || party.kind() == Party.Kind.GATEWAY)
        ? party.namespace() : null;
  }

  /** The namespaces of a flow's tenant ends, in order. */
  static List<String> namespaces(Evaluation e) {
    // Every judged flow is tagged: two strings sorted by hand, not through a sorted set.
    String from = tenantNamespace(e.from());
    String to = tenantNamespace(e.to());
    if (from == null || to == null || from.equals(to)) {
      return from != null ? List.of(from) : to != null ? List.of(to) : List.of();
    }
    return from.compareTo(to) < 0 ? List.of(from, to) : List.of(to, from);
  }

  private static void ref(DataOutputStream out, Ref ref) throws IOException {
    nullable(out, ref.file());
    out.writeInt(ref.document());
    nullable(out, ref.pointer());
    nullable(out, ref.object());
    out.writeInt(ref.line());
  }

  private static void nullables(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      nullable(out, s);
    }
  }

  private static void nullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      ValueCodec.writeText(s, out);
    }
  }

  /**
   * What is kept, as bytes for a cache ({@link #findings} and {@link #flows} read them back; the
   * cache file names the format and the build).
   */
  public Encoding encoding() {
    if (encoded != null) {
      return encoded;
    }
    Recorder<T> recorder = new Recorder<>(codec);
    kept.forEach(recorder::add);
    return recorder.memory(platform, tenants).encoding();
  }

  /**
   * The bytes of a memory, in two parts that are written one after the other without being joined:
   * what comes before the kept values (the platform side's print, their count), then the kept
   * values and the tenants as the recorder wrote them.
   */
  public record Encoding(byte[] head, BytesOut rest) {
    /** How many bytes {@link #writeTo} writes. */
    public int size() {
      return head.length + rest.size();
    }

    public void writeTo(OutputStream out) throws IOException {
      out.write(head);
      rest.writeTo(out);
    }
  }

  private static <T> void write(Out out, Kept<T> k, Codec<T> codec) throws IOException {
    out.data.writeBoolean(k.namespaces() != null);
    if (k.namespaces() != null) {
      out.strings(k.namespaces());
    }
    out.string(k.host());
    codec.write(out, k.value());
  }

  private static void writeTenants(Out out, Map<String, Print> tenants) throws IOException {
    out.data.writeInt(tenants.size());
    for (Map.Entry<String, Print> e : tenants.entrySet()) {
      Print print = e.getValue();
      out.string(e.getKey());
      out.string(print.namespace());
      out.data.writeBoolean(print.fingerprint() != null);
      if (print.fingerprint() != null) {
        out.bytes(print.fingerprint());
      }
      out.data.writeBoolean(print.local());
      out.strings(print.calls());
      out.strings(print.hosts());
    }
  }

  /** The findings a gate kept ({@link #encoding}), or null when the bytes are absent or damaged. */
  public static GateMemory<Checker.Finding> findings(byte[] bytes) {
    return decode(bytes, FINDINGS);
  }

  /**
   * As {@link #findings(byte[])}, but only the memory of a gate whose flows found nothing: null
   * when it kept a finding. A review reads its sides out of Git without their files' lines, and
   * a kept finding's message cites the lines of the files its gate read: reused there, it would
   * make the review's text depend on whether a check ran before it.
   */
  public static GateMemory<Checker.Finding> withoutFindings(byte[] bytes) {
    GateMemory<Checker.Finding> memory = findings(bytes);
    return memory != null && memory.kept.isEmpty() ? memory : null;
  }

  /** The flows a table kept ({@link #encoding}), or null when the bytes are absent or damaged. */
  public static GateMemory<Flow> flows(byte[] bytes) {
    return decode(bytes, FLOWS);
  }

  private static <T> GateMemory<T> decode(byte[] bytes, Codec<T> codec) {
    if (bytes == null) {
      return null;
    }
    try (DataInputStream data = BytesIn.of(bytes)) {
      In in = new In(data);
      byte[] platform = in.bytes();
      List<Kept<T>> kept = new ArrayList<>();
      for (int i = ValueCodec.readCount(data); i > 0; i--) {
        List<String> namespaces = data.readBoolean() ? in.strings() : null;
        String host = in.string();
        kept.add(new Kept<>(namespaces, host, codec.read(in)));
      }
      Map<String, Print> tenants = new TreeMap<>();
      for (int i = ValueCodec.readCount(data); i > 0; i--) {
        String name = in.string();
        String namespace = in.string();
        byte[] fingerprint = data.readBoolean() ? in.bytes() : null;
        boolean local = data.readBoolean();
        List<String> calls = in.strings();
        tenants.put(name, new Print(namespace, fingerprint, local, calls, in.strings()));
      }
      return data.read() == -1 ? new GateMemory<>(platform, tenants, kept, codec) : null;
    } catch (IOException | RuntimeException damaged) {
      return null;
    }
  }

  /** A gate's findings. */
  static final Codec<Checker.Finding> FINDINGS = new Codec<>() {
    @Override
    public void write(Out out, Checker.Finding f) throws IOException {
      out.data.writeBoolean(f.error());
      out.string(f.rule());
      out.data.writeBoolean(f.at() != null);
      if (f.at() != null) {
        Ref ref = f.at();
        out.string(ref.file());
        out.data.writeInt(ref.document());
        out.string(ref.pointer());
        out.string(ref.object());
        out.data.writeInt(ref.line());
      }
      out.string(f.message());
      out.string(f.hint());
    }

    @Override
    public Checker.Finding read(In in) throws IOException {
      boolean error = in.data.readBoolean();
      String rule = in.string();
      Ref at = in.data.readBoolean()
          ? new Ref(in.string(), in.data.readInt(), in.string(), in.string(), in.data.readInt()) : null;
      return new Checker.Finding(error, rule, at, in.string(), in.string());
    }
  };

  /**
   * A table's flows: those not denied, without their steps (what {@code meshplate reach} prints
   * without {@code --from} and {@code --to}); a flow with steps cannot be kept.
   */
  static final Codec<Flow> FLOWS = new Codec<>() {
    @Override
    public void write(Out out, Flow f) throws IOException {
      if (!f.steps().isEmpty()) {
        throw new IllegalArgumentException("a kept flow has no steps: " + f.title());
      }
      out.string(f.overlay());
      out.data.writeByte(f.family().ordinal());
      out.string(f.from());
      out.string(f.to());
      out.string(f.port());
      out.string(f.host());
      out.data.writeByte(f.verdict().ordinal());
      requests(out, f.requests());
      requests(out, f.unknown());
      out.string(f.transport());
      out.data.writeBoolean(f.declared());
      requests(out, f.undeclared());
      requests(out, f.blocked());
    }

    @Override
    public Flow read(In in) throws IOException {
      return new Flow(in.string(), Family.values()[in.data.readByte()], in.string(), in.string(), in.string(),
          in.string(), Verdict.values()[in.data.readByte()], requests(in), requests(in), in.string(),
          in.data.readBoolean(), requests(in), requests(in), List.of());
    }

    private void requests(Out out, List<Requests> requests) throws IOException {
      out.shared(requests, list -> {
        out.data.writeInt(list.size());
        for (Requests r : list) {
          out.strings(r.methods());
          out.strings(r.paths());
          out.strings(r.exceptPaths());
          out.strings(r.hosts());
        }
      });
    }

    private List<Requests> requests(In in) throws IOException {
      List<Requests> requests = in.shared(() -> {
        List<Requests> list = new ArrayList<>();
        for (int n = ValueCodec.readCount(in.data); n > 0; n--) {
          list.add(new Requests(in.strings(), in.strings(), in.strings(), in.strings()));
        }
        return List.copyOf(list);
      });
      if (requests == null) {
        throw new IllegalStateException("damaged: a flow without its requests"); // read as nothing
      }
      return requests;
    }
  };

  /**
   * Writes each value (a string, a list of requests; null included) once: a value met again is
   * written as the number of its first writing. Kept flows and findings repeat a few thousand
   * party ids, ports and request patterns some hundred thousand times; read back, the repeats are
   * one object each.
   */
  static final class Out {
    final DataOutputStream data;
    private final Map<Object, Integer> numbers = new HashMap<>();
    /** How a string is written the first time: one instance, not one per string written. */
    private final Writing<String> text;

    Out(DataOutputStream data) {
      this.data = data;
      this.text = s -> ValueCodec.writeText(s, data);
    }

    /** How a value is written the first time. */
    interface Writing<V> {
      void write(V value) throws IOException;
    }

    <V> void shared(V value, Writing<V> first) throws IOException {
      if (value == null) {
        data.writeInt(-1);
        return;
      }
      Integer number = numbers.get(value);
      if (number != null) {
        data.writeInt(number);
        return;
      }
      data.writeInt(-2);
      first.write(value);
      numbers.put(value, numbers.size()); // after: the value's own parts are numbered first
    }

    void string(String s) throws IOException {
      shared(s, text);
    }

    void strings(List<String> strings) throws IOException {
      data.writeInt(strings.size());
      for (String s : strings) {
        string(s);
      }
    }

    /** Bytes that are not shared (a digest), as {@link In#bytes} reads them. */
    void bytes(byte[] bytes) throws IOException {
      data.writeInt(bytes.length);
      data.write(bytes);
    }
  }

  /** Reads what {@link Out} wrote. */
  static final class In {
    final DataInputStream data;
    private final List<Object> values = new ArrayList<>();
    /** How a string is read the first time: one instance, not one per string read. */
    private final Reading<String> text;

    In(DataInputStream data) {
      this.data = data;
      this.text = () -> ValueCodec.readText(data);
    }

    /** How a value is read the first time. */
    interface Reading<V> {
      V read() throws IOException;
    }

    /** Damaged bytes may name a value of another type or out of range: a RuntimeException, read as nothing. */
    @SuppressWarnings("unchecked")
    <V> V shared(Reading<V> first) throws IOException {
      int number = data.readInt();
      if (number == -1) {
        return null;
      }
      if (number == -2) {
        V value = first.read();
        values.add(value);
        return value;
      }
      return (V) values.get(number);
    }

    String string() throws IOException {
      return shared(text);
    }

    List<String> strings() throws IOException {
      int n = ValueCodec.readCount(data);
      if (n == 0) {
        return List.of();
      }
      String[] out = new String[n];
      for (int i = 0; i < n; i++) {
        out[i] = string();
      }
      return List.of(out);
    }

    byte[] bytes() throws IOException {
      byte[] bytes = new byte[ValueCodec.readCount(data)];
      data.readFully(bytes);
      return bytes;
    }
  }
}
