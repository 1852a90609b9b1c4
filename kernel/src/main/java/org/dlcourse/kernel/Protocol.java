package org.dlcourse.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import io.github.spencerpark.jupyter.messages.request.KernelInfoRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The shell messages the course kernel answers itself instead of basekernel 2.3.0: {@code
 * kernel_info_request} (basekernel's reply lacks the {@code status} field message spec v5
 * requires), {@code history_request} (basekernel has no history and its reply would lack {@code
 * status} too) and {@code execute_request} (wrapped: records history, lets {@code Display.clear}
 * reach the cell, and answers help cells like {@code Nd4j.create?} with a pager payload).
 */
final class Protocol {

  /** The kernel's name in {@code kernel_info_reply}. */
  static final String IMPLEMENTATION = "dlcourse-java";

  private Protocol() {}

  /** Registers the handlers; call after {@code kernel.becomeHandlerForConnection(connection)}. */
  static void install(JupyterConnection connection, CourseKernel kernel) {
    connection.setHandler(
        MessageType.KERNEL_INFO_REQUEST,
        (ShellHandler<KernelInfoRequest>) (env, request) -> kernelInfo(env, kernel));
    connection.setHandler(
        MessageType.HISTORY_REQUEST,
        (ShellHandler<HistoryRequest>) (env, request) -> history(env, request, kernel.history()));
    ShellHandler<ExecuteRequest> basekernel = connection.getHandler(MessageType.EXECUTE_REQUEST);
    connection.setHandler(
        MessageType.EXECUTE_REQUEST,
        (ShellHandler<ExecuteRequest>) (env, request) -> kernel.execute(env, request, basekernel));
  }

  private static void kernelInfo(ShellReplyEnvironment env, CourseKernel kernel) {
    env.setBusyDeferIdle();
    env.reply(
        new InfoReply(
            Header.PROTOCOL_VERISON,
            IMPLEMENTATION,
            version(),
            kernel.getLanguageInfo(),
            kernel.getBanner(),
            kernel.getHelpLinks()));
  }

  private static String version() {
    String version = Protocol.class.getPackage().getImplementationVersion();
    return version == null ? "0.1.0" : version;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void history(
      ShellReplyEnvironment env, Message<HistoryRequest> message, History history) {
    env.setBusyDeferIdle();
    HistoryRequest request = message.getContent();
    List<History.Entry> entries =
        switch (request.getAccessType()) {
          case TAIL -> history.tail(((HistoryRequest.Tail) request).getMaxReturnLength());
          case RANGE -> {
            HistoryRequest.Range range = (HistoryRequest.Range) request;
            yield history.range(range.getSessionIndex(), range.getStart(), range.getStop());
          }
          case SEARCH -> {
            HistoryRequest.Search search = (HistoryRequest.Search) request;
            yield history.search(
                search.getPattern(), search.getMaxReturnLength(), search.filterUnique());
          }
        };
    List<Object> rows = new ArrayList<>();
    for (History.Entry e : entries) {
      Object cell = request.includeOutput() ? Arrays.asList(e.input(), e.output()) : e.input();
      rows.add(Arrays.asList(e.session(), e.line(), cell));
    }
    env.reply(new Message(message, MessageType.HISTORY_REPLY, new HistoryContent(rows)));
  }

  /** basekernel's reply plus the {@code status} field of message spec v5. */
  static final class InfoReply extends KernelInfoReply {
    @SuppressWarnings("unused") // serialized by Gson
    private final String status = "ok";

    InfoReply(
        String protocol,
        String implementation,
        String version,
        LanguageInfo language,
        String banner,
        List<LanguageInfo.Help> help) {
      super(protocol, implementation, version, language, banner, help);
    }
  }

  /** {@code history_reply}: rows of (session, line, input) or (session, line, [input, output]). */
  static final class HistoryContent {
    @SuppressWarnings("unused") // serialized by Gson
    private final String status = "ok";

    @SuppressWarnings("unused")
    private final List<Object> history;

    HistoryContent(List<Object> history) {
      this.history = history;
    }
  }

  /** An {@code execute_reply} with payloads (the pager's {@code {"source": "page", ...}}). */
  static final class PagedReply extends ExecuteReply {
    @SuppressWarnings("unused") // serialized by Gson
    private final List<Map<String, Object>> payload;

    PagedReply(int executionCount, List<Map<String, Object>> payload) {
      super(executionCount, Map.of());
      this.payload = payload;
    }
  }
}
