namespace Hotline.Testing;

public sealed class LeakFoundException(string report) : Exception("secrets found at rest:\n" + report);
