package dev.selam.server.cli;

import dev.selam.server.Main;
import dev.selam.server.SelamService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the service (the default): web chat, console, webhook, health and metrics.")
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    return serve(main);
  }

  public Integer serve(Main main) throws InterruptedException {
    SelamService service = SelamService.start(main.settings());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "selam-shutdown"));
    stopped.await();
    return 0;
  }
}
