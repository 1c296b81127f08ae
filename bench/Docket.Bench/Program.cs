using Docket.Bench;

// bench/run's driver. Two commands:
//   disk --data DIR [--quick]                                   the disk's ceilings, before the app starts
//   http --base URL --data DIR --pid PID [--postgres CS] [--quick]   everything over HTTP against the running app
// Prints one JSON object per line {"name","value","unit"} on stdout; progress on stderr; exit 1 on a failure.
var command = args.FirstOrDefault();
string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
var quick = args.Contains("--quick");
var data = Arg("--data");

try
{
    switch (command)
    {
        case "disk" when data is not null:
            Report.Log("fsync_per_s: one-row SQLite transactions, WAL, synchronous=FULL, in the data folder");
            Report.Emit("fsync_per_s", Disk.SqliteCommitsPerSecond(data, TimeSpan.FromSeconds(quick ? 5 : 15)), "1/s");
            Report.Log("disk_mib_per_s: sequential write + fsync in the data folder");
            // 1 GiB in both modes: smaller writes mostly measure the (virtual) disk's write cache.
            Disk.SequentialWriteMiBPerSecond(data, 32); // warm-up
            Report.Emit("disk_mib_per_s", Disk.SequentialWriteMiBPerSecond(data, 1024), "MiB/s");
            return 0;
        case "http" when data is not null && Arg("--base") is { } baseUrl && int.TryParse(Arg("--pid"), out var pid):
            var suite = new Suite(new Uri(baseUrl), data, pid, Arg("--postgres"), quick);
            return await suite.RunAsync();
        default:
            Console.Error.WriteLine("usage: Docket.Bench disk --data DIR [--quick] | http --base URL --data DIR --pid PID [--postgres CS] [--quick]");
            return 2;
    }
}
catch (Exception e)
{
    Report.Log("FAILED: " + e);
    return 1;
}
