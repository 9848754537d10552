package org.civicdesk.customer.internal.demo;

import java.util.List;

/** Word lists of the demo city: Mesa, Arizona street names, zip codes, people and business names. */
final class MesaWords {

    private MesaWords() {
    }

    /** Street names of Mesa and the East Valley (arterials, numbered streets and subdivision streets). */
    static final List<String> STREETS = List.of(
            "Main", "University", "Broadway", "Southern", "Baseline", "Guadalupe", "Elliot", "Warner", "Ray",
            "McKellips", "Brown", "McDowell", "Thomas", "Adobe", "Pueblo", "Dobson", "Alma School", "Country Club",
            "Mesa", "Stapley", "Gilbert", "Lindsay", "Val Vista", "Greenfield", "Higley", "Recker", "Power",
            "Sossaman", "Hawes", "Ellsworth", "Crismon", "Signal Butte", "Meridian", "Center", "Macdonald",
            "Robson", "Sirrine", "Pasadena", "Hibbert", "Udall", "Horne", "Extension", "Longmore", "Sycamore",
            "Date", "Olive", "Juniper", "Mulberry", "Hackamore", "Pepper", "Birchwood", "Isabella", "Inverness",
            "Hermosa Vista", "Virginia", "Encanto", "Jacaranda", "Palo Verde", "Saguaro", "Ocotillo", "Mesquite",
            "Ironwood", "Desert Willow", "Catalina", "Superstition", "Apache", "Navajo", "Hopi", "Pima", "Maricopa",
            "Camino", "Calle del Norte", "Via de Palmas", "Fountain", "Emerald", "Sierra Madre", "Dragoon", "Rio Verde",
            "Vineyard", "Citrus", "Orange", "Lemon", "Grove", "Orchard", "Peach Tree", "Pecan", "Cottonwood",
            "Willow", "Quail", "Roadrunner", "Coyote", "Javelina", "Hummingbird", "Cardinal", "Dove", "Cactus Wren",
            "Jasmine", "Oasis", "Ranchero", "Hacienda", "Casita", "Mission", "Plaza", "Granada", "Cordova",
            "Sonora", "Tucson", "Yuma", "Prescott", "Flagstaff", "Sedona", "Kingman", "Bisbee", "Tombstone",
            "Globe", "Payson", "Show Low", "Lehi", "Falcon", "Williams Field", "Pecos", "Germann", "Elliot Ranch",
            "Augusta", "Fairway", "Greenway", "Kiowa", "Comanche", "Shawnee", "Cherokee", "Osage", "Pawnee",
            "Laguna", "Lakeview", "Riverview", "Mountain View", "Sunset", "Sunrise", "Starlight", "Moonlight",
            "Golden", "Silver", "Copper", "Turquoise", "Garnet", "Topaz", "Opal", "Onyx", "Agate", "Jasper");

    /** Street type suffixes. */
    static final List<String> STREET_TYPES = List.of("St", "Ave", "Dr", "Rd", "Ln", "Cir", "Pl", "Way", "Ct", "Blvd");

    static final List<String> DIRECTIONS = List.of("N", "S", "E", "W");

    /** Zip codes that deliver street mail in Mesa (85211 and 85214 are post office boxes). */
    static final List<String> ZIPS = List.of("85201", "85202", "85203", "85204", "85205", "85206", "85207", "85208",
            "85209", "85210", "85212", "85213", "85215");

    /** The older western and central areas, where the city's gas mains run. */
    static final List<String> GAS_ZIPS = List.of("85201", "85202", "85203", "85204", "85210", "85213");

    /** Downtown, the only area the city's electric utility serves. */
    static final List<String> DOWNTOWN_ZIPS = List.of("85201", "85203", "85210");

    static final List<String> PO_BOX_ZIPS = List.of("85211", "85214");

    static final List<String> ENGLISH_FIRST = List.of(
            "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
            "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
            "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
            "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
            "Kenneth", "Dorothy", "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa", "Timothy", "Deborah",
            "Ronald", "Stephanie", "Edward", "Rebecca", "Jason", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia",
            "Jacob", "Kathleen", "Gary", "Amy", "Nicholas", "Angela", "Eric", "Shirley", "Jonathan", "Anna",
            "Stephen", "Brenda", "Larry", "Pamela", "Justin", "Emma", "Scott", "Nicole", "Brandon", "Helen",
            "Benjamin", "Samantha", "Samuel", "Katherine", "Gregory", "Christine", "Alexander", "Debra", "Frank",
            "Rachel", "Patrick", "Carolyn", "Raymond", "Janet", "Jack", "Catherine", "Dennis", "Heather", "Jerry",
            "Diane", "Tyler", "Ruth", "Aaron", "Julie", "Henry", "Olivia", "Douglas", "Joyce", "Peter", "Virginia",
            "Walter", "Victoria", "Ethan", "Kelly", "Harold", "Lauren", "Kyle", "Christina", "Noah", "Joan",
            "Gerald", "Evelyn", "Carl", "Judith", "Keith", "Megan", "Roger", "Andrea", "Arthur", "Cheryl",
            "Terry", "Hannah", "Lawrence", "Jacqueline", "Sean", "Martha", "Austin", "Gloria", "Zachary", "Teresa");

    static final List<String> HISPANIC_FIRST = List.of(
            "José", "María", "Juan", "Guadalupe", "Luis", "Rosa", "Carlos", "Ana", "Jesús", "Carmen", "Miguel",
            "Verónica", "Francisco", "Leticia", "Antonio", "Yolanda", "Manuel", "Gabriela", "Pedro", "Adriana",
            "Alejandro", "Claudia", "Ricardo", "Patricia", "Fernando", "Silvia", "Javier", "Elena", "Roberto",
            "Teresa", "Eduardo", "Lucía", "Raúl", "Isabel", "Sergio", "Araceli", "Arturo", "Alicia", "Jorge",
            "Marisol", "Mario", "Beatriz", "Héctor", "Norma", "Ramón", "Sofía", "Rafael", "Angélica", "Armando",
            "Mónica", "Enrique", "Esperanza", "Alberto", "Graciela", "Óscar", "Irma", "Víctor", "Martha", "Rubén",
            "Socorro", "Gerardo", "Lorena", "Salvador", "Dolores", "Ignacio", "Margarita", "Alfredo", "Consuelo",
            "Andrés", "Rocío", "Diego", "Valeria", "Emilio", "Ximena", "Joaquín", "Paola", "Ernesto", "Brenda",
            "Guillermo", "Daniela", "Hugo", "Fernanda", "Julio", "Mariana", "Marco", "Alejandra", "Pablo", "Cecilia",
            "Esteban", "Estela", "Tomás", "Josefina", "Gustavo", "Luz", "Felipe", "Reyna", "Rodrigo", "Susana");

    static final List<String> ENGLISH_LAST = List.of(
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
            "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
            "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
            "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans",
            "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Peterson", "Cooper",
            "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks",
            "Bennett", "Gray", "James", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Powell",
            "Jenkins", "Perry", "Russell", "Sullivan", "Fisher", "Henderson", "Coleman", "Patterson", "Jordan",
            "Reynolds", "Hamilton", "Graham", "Wallace", "Woods", "Cole", "West", "Owens", "Marshall", "Ellis",
            "Harrison", "Gibson", "McDonald", "Kennedy", "Wells", "Dixon", "Hunt", "Palmer", "Larsen", "Christensen",
            "Jensen", "Hansen", "Nielsen", "Pratt", "Udall", "Kimball", "Openshaw", "Sirrine", "Crismon", "Mecham");

    static final List<String> HISPANIC_LAST = List.of(
            "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez",
            "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutiérrez", "Chávez",
            "Ramos", "Ruiz", "Álvarez", "Mendoza", "Vásquez", "Castillo", "Jiménez", "Moreno", "Romero", "Herrera",
            "Medina", "Aguilar", "Vargas", "Guzmán", "Muñoz", "Salazar", "Delgado", "Castro", "Contreras", "Soto",
            "Figueroa", "Valenzuela", "Espinoza", "Sandoval", "Cervantes", "Fuentes", "Estrada", "Ávila", "Ibarra",
            "Acosta", "Domínguez", "Molina", "Luna", "Ríos", "Carrillo", "Navarro", "Campos", "Vega", "Rosales",
            "Zamora", "Orozco", "Pacheco", "Mejía", "Lara", "Bañuelos", "Villanueva", "Quintero", "Robles",
            "Cárdenas", "Tapia", "Montoya", "Duarte", "Arellano", "Bustamante", "Ochoa", "Peña", "Serrano",
            "Valdez", "Zúñiga", "Galindo", "Salinas", "Trujillo", "Marín", "Cisneros", "Rangel", "Olivas", "Barrera",
            "Quiñones", "Camacho", "Ybarra", "Lucero", "Enríquez", "Padilla", "Leyva", "Miranda", "Bernal", "Corral");

    static final List<String> BUSINESS_FIRST = List.of(
            "Desert Sun", "Superstition", "Red Mountain", "Saguaro", "Sonoran", "East Valley", "Mesa", "Usery",
            "Falcon Field", "Riverview", "Dobson Ranch", "Las Sendas", "Eastmark", "Apache Trail", "Gateway",
            "Copper State", "Grand Canyon", "Canyon State", "Salt River", "Main Street", "Fiesta", "Golden Hills",
            "Pueblo", "Cactus", "Mountain Vista", "Verde", "Arizona", "Sunbelt", "Palo Verde", "Four Peaks");

    static final List<String> BUSINESS_KIND = List.of(
            "Dental", "Auto Repair", "Tacos", "Coffee", "Bakery", "Pharmacy", "Fitness", "Hardware", "Laundromat",
            "Pet Clinic", "Hair Studio", "Insurance", "Realty", "Printing", "Plumbing", "Tire", "Market",
            "Furniture", "Cleaners", "Pizza", "Books", "Florist", "Nursery", "Car Wash", "Storage", "Dance Studio",
            "Church", "Academy", "Medical Group", "Physical Therapy");

    static final List<String> BUSINESS_SUFFIX = List.of("LLC", "Inc", "Co", "", "", "");

    static final List<String> PROPERTY_KIND = List.of("Properties", "Property Management", "Apartments",
            "Rentals", "Holdings", "Realty Partners");

    static final List<String> EMAIL_DOMAINS = List.of("example.com", "example.net", "example.org",
            "mail.example.com");
}
