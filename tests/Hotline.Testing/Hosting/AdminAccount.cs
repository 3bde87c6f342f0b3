namespace Hotline.Testing;

/// <summary>One `admin add-operator|add-unit …` command line, with the new account's passphrase (HOTLINE_NEW_PASSWORD).</summary>
public sealed record AdminAccount(string Password, params string[] Arguments);
