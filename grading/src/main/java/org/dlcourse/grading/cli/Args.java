package org.dlcourse.grading.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parsed arguments: the command, positionals and {@code --key value} / {@code --flag}. */
public final class Args {
  public String command;
  public final List<String> pos = new ArrayList<>();
  public final Map<String, String> opts = new HashMap<>();

  public static Args parse(String[] args) {
    Args a = new Args();
    a.command = args[0];
    for (int i = 1; i < args.length; i++) {
      String s = args[i];
      if (s.startsWith("--")) {
        String k = s.substring(2);
        if (k.contains("=")) {
          a.opts.put(k.substring(0, k.indexOf('=')), k.substring(k.indexOf('=') + 1));
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--") && takesValue(k)) {
          a.opts.put(k, args[++i]);
        } else {
          a.opts.put(k, "true");
        }
      } else {
        a.pos.add(s);
      }
    }
    return a;
  }

  private static boolean takesValue(String k) {
    return List.of(
            "out",
            "jobs",
            "student",
            "dir",
            "question",
            "policy",
            "root",
            "grader",
            "from",
            "source")
        .contains(k);
  }

  public void need(int n, String usage) {
    if (pos.size() < n) {
      throw new IllegalArgumentException(
          "expected " + n + " arguments but got " + pos.size() + "; usage: course " + usage);
    }
  }

  public String required(String k) {
    String v = opts.get(k);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + k + "; see ./course --help");
    }
    return v;
  }

  public String opt(String k, String fallback) {
    return opts.getOrDefault(k, fallback);
  }

  public boolean flag(String k) {
    return Boolean.parseBoolean(opts.getOrDefault(k, "false"));
  }
}
