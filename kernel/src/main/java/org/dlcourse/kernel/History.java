package org.dlcourse.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cells this kernel ran ({@code history_request}: tail, range, search), kept in memory and
 * appended to a file so that a restarted kernel (a new "session") still finds earlier cells.
 *
 * <p>The file is JSON lines, one object per cell ({@code session, line, input, output}) plus one
 * {@code {"session": n}} line per kernel start that claims the session number; at start-up only the
 * newest {@link #KEPT} cells are kept. {@code DLCOURSE_KERNEL_HISTORY} names the file ({@code off}:
 * memory only); default {@code ~/.local/share/dlcourse/kernel-history.jsonl}.
 */
final class History {

  /** Cells kept in the file across restarts. */
  static final int KEPT = 1000;

  /** One executed cell; {@code output} is the text/plain of its value, or null. */
  record Entry(int session, int line, String input, String output) {}

  private static final Gson GSON = new Gson();

  private final Path file;
  private final List<Entry> entries = new ArrayList<>();
  private final int session;

  /** Reads {@code file} (null: memory only) and claims the next session number in it. */
  History(Path file) {
    this.file = file;
    this.session = file == null ? 1 : load();
  }

  /** The file named by {@code DLCOURSE_KERNEL_HISTORY}, the default one, or null for "off". */
  static Path defaultFile() {
    String configured = System.getenv("DLCOURSE_KERNEL_HISTORY");
    if ("off".equals(configured)) {
      return null;
    }
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String data = System.getenv("XDG_DATA_HOME");
    Path base =
        data != null && !data.isBlank()
            ? Path.of(data)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("dlcourse").resolve("kernel-history.jsonl");
  }

  int session() {
    return session;
  }

  /** Records a cell of this session. */
  synchronized void add(int line, String input, String output) {
    Entry entry = new Entry(session, line, input, output);
    entries.add(entry);
    if (file != null) {
      append(toJson(entry));
    }
  }

  /** The last {@code n} cells, oldest first, across sessions. */
  synchronized List<Entry> tail(int n) {
    return List.copyOf(
        entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
  }

  /**
   * Cells {@code start <= line < stop} of a session ({@code stop <= 0}: to the end). A session of 0
   * or less counts back from this one (0: this session, -1: the one before).
   */
  synchronized List<Entry> range(int wanted, int start, int stop) {
    int absolute = wanted <= 0 ? session + wanted : wanted;
    return entries.stream()
        .filter(e -> e.session() == absolute && e.line() >= start && (stop <= 0 || e.line() < stop))
        .toList();
  }

  /** The last {@code n} cells ({@code n <= 0}: all) whose whole input matches the glob. */
  synchronized List<Entry> search(String glob, int n, boolean unique) {
    Pattern pattern = globToRegex(glob == null || glob.isEmpty() ? "*" : glob);
    List<Entry> found = entries.stream().filter(e -> pattern.matcher(e.input()).matches()).toList();
    if (unique) {
      Map<String, Entry> latest = new LinkedHashMap<>();
      for (Entry e : found) {
        latest.remove(e.input());
        latest.put(e.input(), e); // re-inserted: ordered by its latest run
      }
      found = List.copyOf(latest.values());
    }
    return n <= 0 ? found : found.subList(Math.max(0, found.size() - n), found.size());
  }

  /** An SQLite GLOB (as IPython's history uses): * ? [abc] [a-z] [^abc], case-sensitive. */
  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
        int close = glob.indexOf(']', i + 2);
        String set = glob.substring(i + 1, close);
        boolean negated = set.startsWith("^");
        regex.append(negated ? "[^" : "[");
        regex.append(set.substring(negated ? 1 : 0).replace("\\", "\\\\").replace("[", "\\["));
        regex.append(']');
        i = close;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Reads the file, keeps its newest cells, claims and returns the next session number. */
  private int load() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
          FileChannel channel = raf.getChannel();
          FileLock lock = channel.lock()) {
        byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE, raf.length())];
        raf.readFully(bytes);
        int last = 0;
        List<String> cells = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
          last = Math.max(last, parse(line, cells));
        }
        List<String> kept = cells.subList(Math.max(0, cells.size() - KEPT), cells.size());
        int next = last + 1;
        List<String> lines = new ArrayList<>(kept);
        lines.add("{\"session\":" + next + "}");
        raf.setLength(0);
        raf.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return next;
      }
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "kernel history: cannot use "
              + file
              + " ("
              + e
              + "); this session's history stays in memory. Set DLCOURSE_KERNEL_HISTORY to a"
              + " writable file, or to off.");
      return 1;
    }
  }

  /** Adds a cell line to {@code cells} and {@link #entries}; returns the session it names. */
  private int parse(String line, List<String> cells) {
    if (line.isBlank()) {
      return 0;
    }
    try {
      JsonObject json = GSON.fromJson(line, JsonObject.class);
      int lineSession = json.get("session").getAsInt();
      if (json.has("input")) {
        JsonElement output = json.get("output");
        entries.add(
            new Entry(
                lineSession,
                json.get("line").getAsInt(),
                json.get("input").getAsString(),
                output == null || output.isJsonNull() ? null : output.getAsString()));
        cells.add(line);
      }
      return lineSession;
    } catch (RuntimeException e) { // JsonParseException, a missing field
      return 0; // a line cut by a crash: skipped
    }
  }

  private static String toJson(Entry entry) {
    JsonObject json = new JsonObject();
    json.addProperty("session", entry.session());
    json.addProperty("line", entry.line());
    json.addProperty("input", entry.input());
    json.addProperty("output", entry.output());
    return GSON.toJson(json);
  }

  private void append(String line) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
        FileChannel channel = raf.getChannel();
        FileLock lock = channel.lock()) {
      raf.seek(raf.length());
      raf.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      System.err.println("kernel history: cannot append to " + file + ": " + e);
    }
  }
}
