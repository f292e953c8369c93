/// Name lists for synthetic persons: Dutch and other common names in the Netherlands, with
/// surname prefixes (tussenvoegsels) and diacritics, so that linkage meets what real exports hold.
enum DutchNames {
    static let boys = [
        "Johannes", "Petrus", "Daan", "Sem", "Noah", "Lucas", "Levi", "Finn", "Milan", "Jesse", "Bram",
        "Mohammed", "Adam", "Ilias", "Yusuf", "Ömer", "Mustafa", "Thijs", "Ruben", "Jayden", "Julian",
        "Cornelis", "Hendrik", "Willem", "Jan", "Pieter", "Gerrit", "Ahmed", "Rayan", "Kacper", "Luuk",
        "Stijn", "René", "André", "Joël", "Matthijs", "Teun", "Gijs", "Siem", "Mees",
    ]
    static let girls = [
        "Maria", "Johanna", "Emma", "Julia", "Tess", "Sophie", "Zoë", "Mila", "Sara", "Noor", "Fenna",
        "Fatima", "Aya", "Yasmina", "Ayşe", "Elif", "Lotte", "Anna", "Eva", "Lieke", "Sanne", "Iris",
        "Cornelia", "Wilhelmina", "Geertruida", "Anouk", "Chloë", "Maëlle", "Zuzanna", "Nour", "Hiba",
        "Fleur", "Roos", "Liv", "Nina", "Esmée", "Inge", "Marieke", "Sofía", "Hanna",
    ]
    /// Call names that are not one of the given names (a diminutive or a different name).
    static let nicknames: [String: String] = [
        "Johannes": "Hans", "Petrus": "Piet", "Cornelis": "Kees", "Hendrik": "Henk", "Willem": "Wim",
        "Maria": "Mieke", "Johanna": "Jo", "Cornelia": "Corrie", "Wilhelmina": "Willemijn",
        "Geertruida": "Truus", "Mohammed": "Mo", "Gerrit": "Gert", "Pieter": "Pim", "Anna": "Anneke",
    ]
    /// Surnames with their prefix (empty when none).
    static let surnames: [(prefix: String, name: String)] = [
        ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"),
        ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"),
        ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"),
        ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"),
        ("van der", "Meer"), ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"),
        ("", "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"),
        ("de", "Bruijn"), ("de", "Jong"), ("ter", "Horst"), ("ten", "Brink"), ("van 't", "Hof"),
        ("", "Yılmaz"), ("", "Öztürk"), ("", "Çelik"), ("", "Kaya"), ("", "Şahin"), ("El", "Idrissi"),
        ("", "Bouzid"), ("", "Amrani"), ("", "Benali"), ("", "Nguyễn"), ("", "Kowalski"),
        ("", "Wiśniewska"), ("", "Gonçalves"), ("", "Müller"), ("", "Hoekstra"), ("", "Verhoeven"),
        ("van", "Gils"), ("van", "Tilburg"), ("", "Schellekens"), ("van", "Beek"), ("", "Coppens"),
    ]
}
