Console.WriteLine("Hotline.Triage");
