"""The departments (ministries) that take part, by their usual code."""

DEPARTEMENTEN: dict[str, str] = {
    "AZ": "Ministerie van Algemene Zaken",
    "BZ": "Ministerie van Buitenlandse Zaken",
    "BZK": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "DEF": "Ministerie van Defensie",
    "EZ": "Ministerie van Economische Zaken",
    "FIN": "Ministerie van Financiën",
    "IenW": "Ministerie van Infrastructuur en Waterstaat",
    "JenV": "Ministerie van Justitie en Veiligheid",
    "KGG": "Ministerie van Klimaat en Groene Groei",
    "LVVN": "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur",
    "OCW": "Ministerie van Onderwijs, Cultuur en Wetenschap",
    "SZW": "Ministerie van Sociale Zaken en Werkgelegenheid",
    "VRO": "Ministerie van Volkshuisvesting en Ruimtelijke Ordening",
    "VWS": "Ministerie van Volksgezondheid, Welzijn en Sport",
    "AenM": "Ministerie van Asiel en Migratie",
}

# "De minister van ..." for the closing of a letter.
MINISTER_VAN: dict[str, str] = {code: naam.removeprefix("Ministerie van ") for code, naam in DEPARTEMENTEN.items()}
